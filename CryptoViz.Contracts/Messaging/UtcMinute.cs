namespace CryptoViz.Contracts.Messaging;

/// <summary>Minute boundaries of UTC times: candles, history pages and their ranges all sit on them.</summary>
public static class UtcMinute
{
    /// <summary>The minute <paramref name="time"/> falls in.</summary>
    public static DateTime Floor(DateTime time) => new(time.Ticks - time.Ticks % TimeSpan.TicksPerMinute, DateTimeKind.Utc);

    /// <summary><paramref name="time"/> itself when it is on a minute, else the next minute.</summary>
    public static DateTime Ceiling(DateTime time) => IsOn(time) ? Floor(time) : Floor(time).AddMinutes(1);

    public static bool IsOn(DateTime time) => time.Ticks % TimeSpan.TicksPerMinute == 0;
}
