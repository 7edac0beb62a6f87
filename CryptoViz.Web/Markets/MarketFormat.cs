using System.Globalization;

namespace CryptoViz.Web.Markets;

/// <summary>Display formats for market numbers, fixed to invariant culture so every user reads the same digits.</summary>
public static class MarketFormat
{
    private static readonly CultureInfo s_culture = CultureInfo.InvariantCulture;

    /// <summary>Two decimals from $1 up; below that, four significant digits (sub-cent coins would read $0.00).</summary>
    public static string Price(double usd)
    {
        if (Math.Abs(usd) >= 1)
        {
            return "$" + usd.ToString("N2", s_culture);
        }

        if (usd == 0)
        {
            return "$0.00";
        }

        var decimals = Math.Clamp(3 - (int)Math.Floor(Math.Log10(Math.Abs(usd))), 2, 12);
        return "$" + usd.ToString("F" + decimals.ToString(s_culture), s_culture);
    }

    /// <summary>Compact USD amount: $2.23T, $119.91B, $950.00M, $12,345.</summary>
    public static string Compact(double usd) => Math.Abs(usd) switch
    {
        >= 1e12 => "$" + (usd / 1e12).ToString("N2", s_culture) + "T",
        >= 1e9 => "$" + (usd / 1e9).ToString("N2", s_culture) + "B",
        >= 1e6 => "$" + (usd / 1e6).ToString("N2", s_culture) + "M",
        _ => "$" + usd.ToString("N0", s_culture),
    };

    /// <summary>A market cap, or "n/a" where the source knows none (Binance and replayed klines have no supply).</summary>
    public static string MarketCap(double usd) => usd > 0 ? Compact(usd) : "n/a";

    /// <summary>A 24 h volume in USD, or "n/a" where the source reports none (the replay).</summary>
    public static string Volume(double? usd) => usd is { } value ? Compact(value) : "n/a";

    /// <summary>Signed percentage; CoinGecko omits the change for some coins.</summary>
    public static string Change(double? percent) =>
        percent is { } value ? value.ToString("+0.00;-0.00;0.00", s_culture) + "%" : "n/a";

    /// <summary>What a change over <paramref name="window"/> ("1 h", "24 h") of a quote from <paramref name="source"/> rests on, for its tooltip.</summary>
    public static string ChangeTitle(PercentChange change, string window, string source) => change.Basis switch
    {
        ChangeBasis.History => $"Live price against the close stored {window} ago, {Price(change.Reference!.Value)}",
        ChangeBasis.Provider => $"{SourceName(source)}'s own {window} change: less than {window} of history is stored",
        _ => $"Less than {window} of history is stored" + (window == "24 h" ? $", and {SourceName(source)} reports no 24 h change" : ""),
    };

    public static string Time(DateTime utc) => utc.ToString("HH:mm:ss", s_culture);

    public static string Timestamp(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", s_culture);

    public static string SourceName(string source) => source switch
    {
        "coinmarketcap" => "CoinMarketCap",
        "coingecko" => "CoinGecko",
        _ => source,
    };
}
