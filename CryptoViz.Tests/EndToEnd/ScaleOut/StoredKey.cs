namespace CryptoViz.Tests.EndToEnd.ScaleOut;

/// <summary>The natural key Ingest stores a tick under: its series and its event time, to the microsecond as DuckDB keeps it.</summary>
public sealed record StoredKey(string Symbol, string Source, DateTime EventTime)
{
    public static StoredKey Of(string symbol, string source, DateTime eventTime) =>
        new(symbol, source, new DateTime(eventTime.Ticks - eventTime.Ticks % 10, DateTimeKind.Utc));
}
