using System.Text.Json;

namespace CryptoViz.Contracts.Messaging;

/// <summary>
/// Parses and checks a <see cref="CandleBatch"/> from <see cref="Topics.Candles"/> before Ingest stores it: a page is
/// stored whole or, with the reason, dead-lettered whole, so one bad candle never leaves half a range behind.
/// </summary>
public static class CandleBatchValidator
{
    /// <summary>Source names are short identifiers (<c>binance</c>, <c>replay</c>); longer ones are not ours.</summary>
    public const int MaxSourceLength = 32;

    public const int MaxNameLength = 100;

    public static bool TryParse(ReadOnlySpan<byte> utf8Json, DateTime utcNow, out CandleBatch? batch, out string? reason)
    {
        batch = null;
        try
        {
            batch = utf8Json.IsEmpty ? null : JsonSerializer.Deserialize(utf8Json, CryptoVizJsonContext.Default.CandleBatch);
        }
        catch (JsonException ex)
        {
            reason = $"invalid JSON: {ex.Message}";
            return false;
        }

        reason = batch is null ? "empty payload" : Validate(batch, utcNow);
        return reason is null;
    }

    /// <returns>Why the page is unacceptable, or null when it is fine.</returns>
    public static string? Validate(CandleBatch batch, DateTime utcNow)
    {
        if (string.IsNullOrWhiteSpace(batch.Symbol) || batch.Symbol.Length > 20
            || !batch.Symbol.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c)))
            return "symbol must be 1-20 upper-case letters or digits";
        if (string.IsNullOrWhiteSpace(batch.Source) || batch.Source.Length > MaxSourceLength) return $"source must be 1-{MaxSourceLength} characters";
        if (string.IsNullOrWhiteSpace(batch.Name) || batch.Name.Length > MaxNameLength) return $"name must be 1-{MaxNameLength} characters";
        if (!OnMinute(batch.From) || !OnMinute(batch.To)) return "from and to must be UTC times on a minute";
        if (batch.From >= batch.To) return "from must come before to";
        if (batch.To > utcNow + CryptoPriceValidator.MaxClockSkew) return "to is in the future";
        // No oldest time, unlike Ingest's ticks: a history candle only fills a minute that has none, never merges into a
        // stored one, and one older than the candle retention goes at its next run, as it would again if redelivered.
        if (batch.Candles.Count > CandleBatch.MaxCandles) return $"a page holds at most {CandleBatch.MaxCandles} candles";

        var previous = DateTime.MinValue;
        foreach (var candle in batch.Candles)
        {
            if (candle.Time < batch.From || candle.Time >= batch.To || !OnMinute(candle.Time)) return "every candle's time must be a minute within [from, to)";
            if (candle.Time <= previous) return "candles must be in time order, one per minute";
            if (Why(candle) is { } wrong) return wrong;
            previous = candle.Time;
        }

        return null;
    }

    private static string? Why(HistoryCandle c)
    {
        if (!Positive(c.Open) || !Positive(c.High) || !Positive(c.Low) || !Positive(c.Close)) return "candle prices must be positive finite numbers";
        if (c.Low > Math.Min(c.Open, c.Close) || c.High < Math.Max(c.Open, c.Close)) return "a candle's low and high must bound its open and close";
        if (!IsVolume(c.Volume) || !IsVolume(c.QuoteVolume)) return "candle volumes must be non-negative finite numbers";
        return null;
    }

    private static bool OnMinute(DateTime time) => time.Kind == DateTimeKind.Utc && UtcMinute.IsOn(time);

    private static bool Positive(double value) => double.IsFinite(value) && value > 0;

    private static bool IsVolume(double? volume) => volume is not { } value || (double.IsFinite(value) && value >= 0);
}
