using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace CryptoViz.Contracts.Messaging;

/// <summary>
/// Parses and checks a record before anyone trusts it. V2 defaulted missing fields to 0 and stored
/// anything; we reject with a reason that the caller logs, counts and dead-letters (docs/v2-contract.md#what-we-changed).
/// </summary>
public static class CryptoPriceValidator
{
    /// <summary>Quotes stamped further ahead than this are clock errors, not data.</summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>Source names are short identifiers (<c>coingecko</c>, <c>replay</c>), as the query API takes them.</summary>
    public const int MaxSourceLength = 40;

    /// <summary>Coin names run to a few words; a longer one is not a name.</summary>
    public const int MaxNameLength = 100;

    private static readonly SearchValues<char> s_symbolCharacters = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");
    private static readonly SearchValues<char> s_sourceCharacters = SearchValues.Create("abcdefghijklmnopqrstuvwxyz0123456789_-");

    public static bool TryParse(ReadOnlySpan<byte> utf8Json, DateTime utcNow, out CryptoPrice? price, out string? reason) =>
        TryParse(utf8Json, utcNow, DateTime.MinValue, out price, out reason);

    /// <param name="oldest">
    /// The oldest timestamp the consumer takes: Ingest passes its raw retention's cut-off, since a tick older than that
    /// would be deleted at the next run, yet merged into its stored candle for good, and stored again (merged again) when
    /// it is redelivered after its row is gone. Stream keeps only the present and passes none.
    /// </param>
    public static bool TryParse(ReadOnlySpan<byte> utf8Json, DateTime utcNow, DateTime oldest, out CryptoPrice? price, out string? reason)
    {
        price = null;
        if (utf8Json.IsEmpty)
        {
            reason = "empty payload";
            return false;
        }

        try
        {
            price = CryptoPriceJson.Read(utf8Json);
        }
        catch (JsonException ex)
        {
            reason = $"invalid JSON: {ex.Message}";
            return false;
        }

        if (price is null)
        {
            reason = "payload is JSON null";
            return false;
        }

        reason = Validate(price, utcNow, oldest);
        return reason is null;
    }

    /// <param name="oldest">The oldest timestamp the consumer takes (see <see cref="TryParse(ReadOnlySpan{byte}, DateTime, DateTime, out CryptoPrice?, out string?)"/>).</param>
    /// <returns>Why the record is unacceptable, or null when it is fine.</returns>
    public static string? Validate(CryptoPrice price, DateTime utcNow, DateTime oldest = default)
    {
        if (string.IsNullOrWhiteSpace(price.Symbol)) return "missing symbol";
        if (price.Symbol.Length > 20 || price.Symbol.AsSpan().ContainsAnyExcept(s_symbolCharacters))
            return "symbol must be 1-20 upper-case letters or digits";
        if (string.IsNullOrWhiteSpace(price.Source)) return "missing source";
        // Every new (symbol, source) is a series kept in Ingest's index and Stream's snapshot: sources are identifiers.
        if (price.Source.Length > MaxSourceLength || price.Source.AsSpan().ContainsAnyExcept(s_sourceCharacters))
            return $"source must be 1-{MaxSourceLength} of a-z, 0-9, '_' or '-'";
        if (string.IsNullOrWhiteSpace(price.Name)) return "missing name";
        if (price.Name.Length > MaxNameLength) return $"name must be at most {MaxNameLength} characters";
        if (!double.IsFinite(price.Price) || price.Price <= 0) return "price must be a positive finite number";
        if (!double.IsFinite(price.MarketCap) || price.MarketCap < 0) return "market_cap must be a non-negative finite number";
        if (price.PercentChange24h is { } change && !double.IsFinite(change)) return "percent_change_24h must be finite";
        if (!IsVolume(price.Volume)) return "volume must be a non-negative finite number";
        if (!IsVolume(price.QuoteVolume)) return "quote_volume must be a non-negative finite number";
        if (!IsVolume(price.Volume24h)) return "volume_24h must be a non-negative finite number";
        if (price.Timestamp > utcNow + MaxClockSkew) return "timestamp is in the future";
        if (price.Timestamp < oldest)
            return string.Create(CultureInfo.InvariantCulture, $"timestamp is older than the retention window: before {oldest:yyyy-MM-ddTHH:mm:ssZ}");
        // event_time is timestamp with its fraction: anything else would key and order the quote by a time of its own.
        if (price.EventTime < price.Timestamp || price.EventTime - price.Timestamp >= TimeSpan.FromSeconds(1))
            return "event_time must fall within the second of timestamp";
        return null;
    }

    /// <summary>Unknown (null) or an amount: a negative or infinite one would corrupt every candle it is summed into.</summary>
    private static bool IsVolume(double? volume) => volume is not { } value || (double.IsFinite(value) && value >= 0);
}
