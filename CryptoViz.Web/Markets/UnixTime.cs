namespace CryptoViz.Web.Markets;

/// <summary>The charts' time axis: Unix seconds, UTC.</summary>
public static class UnixTime
{
    /// <summary>Ingest and Stream write UTC without an offset, which reads back as Unspecified: taken as UTC.</summary>
    public static long Seconds(DateTime utc) =>
        new DateTimeOffset(utc.Kind == DateTimeKind.Local ? utc.ToUniversalTime() : DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToUnixTimeSeconds();

    /// <summary>The start of the <paramref name="intervalSeconds"/>-wide bar that holds <paramref name="seconds"/>.</summary>
    public static long Bucket(long seconds, long intervalSeconds) => seconds - (((seconds % intervalSeconds) + intervalSeconds) % intervalSeconds);
}
