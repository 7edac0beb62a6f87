namespace CryptoViz.Contracts.Klines;

/// <summary>Epoch open times of unknown unit.</summary>
internal static class KlineTime
{
    // Epoch milliseconds stay below 1e14 until the year 5138 and epoch microseconds exceed it from 1973 on, so
    // the magnitude tells the unit row by row (Binance spot dumps switch to microseconds on 2025-01-01).
    private const long MicrosecondThreshold = 100_000_000_000_000;

    private static readonly long s_minMilliseconds = DateTimeOffset.MinValue.ToUnixTimeMilliseconds();
    private static readonly long s_maxMicroseconds = (DateTimeOffset.MaxValue.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    /// <exception cref="FormatException">The value is no time a <see cref="DateTimeOffset"/> can hold.</exception>
    public static DateTimeOffset FromEpoch(long value)
    {
        if (value < s_minMilliseconds || value > s_maxMicroseconds)
        {
            throw new FormatException($"open time {value} is outside the years 1 to 9999");
        }

        return value >= MicrosecondThreshold
            ? DateTimeOffset.UnixEpoch.AddTicks(value * (TimeSpan.TicksPerMillisecond / 1000))
            : DateTimeOffset.FromUnixTimeMilliseconds(value);
    }
}
