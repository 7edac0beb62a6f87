using CryptoViz.Ingest.Forecasting;
using CryptoViz.Ingest.Storage;
using CryptoViz.Contracts.Klines;

namespace CryptoViz.Bench.Forecast;

/// <summary>One derived series of the benchmark: a coin of the bundled week, its minute returns in an order of its own.</summary>
internal sealed record ShiftedSeries(string Symbol, string Source, DateTimeOffset Start, double[] Closes)
{
    public const string Derivation =
        "series: the 5 bundled coins' week (ReplayData, no gaps); each coin gives 8 series, its own 1-minute log returns " +
        "rotated by 0/8 … 7/8 of the week and chained from its first close on the same minutes (real returns, volatility " +
        "clusters and jumps, in 8 different orders, so that every series' models fit anew)";

    public static async Task<List<ShiftedSeries>> LoadAsync(string folder, int coins, string[] sources)
    {
        var bases = new List<(string Symbol, MinuteSeries Series)>();
        foreach (var klines in KlineSeries.Discover([folder]))
        {
            var series = MinuteSeries.FromKlines(klines.Name, await klines.ReadAsync().ToListAsync());
            bases.Add((Path.GetFileName(klines.Name).Replace("USDT", "", StringComparison.Ordinal), series));
        }

        var variants = coins * sources.Length / bases.Count;
        var derived = new List<ShiftedSeries>();
        for (var coin = 0; coin < coins; coin++)
        {
            var (symbol, series) = bases[coin % bases.Count];
            var group = coin / bases.Count;
            for (var source = 0; source < sources.Length; source++)
            {
                var variant = group * sources.Length + source;
                derived.Add(new ShiftedSeries(group == 0 ? symbol : $"{symbol}{group}", sources[source], series.Start,
                    Rotated(series.Closes, variant * (series.Length - 1) / variants)));
            }
        }

        return derived;
    }

    /// <summary>Stores minutes [<paramref name="from"/>, <paramref name="until"/>) of every series as Ingest's 1-minute candles.</summary>
    public static void StoreCandles(PriceStore store, IReadOnlyList<ShiftedSeries> series, int from, int until)
    {
        using var connection = store.OpenConnection();
        using var appender = connection.CreateAppender("candles_1m");
        foreach (var s in series)
        {
            for (var t = from; t < until; t++)
            {
                var bucket = s.Start.AddMinutes(t).UtcDateTime;
                var close = s.Closes[t];
                appender.CreateRow()
                    .AppendValue(s.Symbol).AppendValue(s.Source).AppendValue(bucket)
                    .AppendValue(close).AppendValue(close).AppendValue(close).AppendValue(close)
                    .AppendValue(1L).AppendValue(bucket).AppendValue(bucket).AppendValue(0.0).AppendValue(0.0)
                    .EndRow();
            }
        }
    }

    private static double[] Rotated(double[] closes, int shift)
    {
        var returns = closes.Length - 1;
        var rotated = new double[closes.Length];
        rotated[0] = closes[0];
        for (var t = 0; t < returns; t++)
        {
            var source = (t + shift) % returns;
            rotated[t + 1] = rotated[t] * (closes[source + 1] / closes[source]);
        }

        return rotated;
    }
}
