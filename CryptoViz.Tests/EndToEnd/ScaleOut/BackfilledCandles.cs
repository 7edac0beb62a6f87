using System.Globalization;
using System.Net.Http.Json;
using CryptoViz.Contracts.Apis;

namespace CryptoViz.Tests.EndToEnd.ScaleOut;

/// <summary>What each Ingest replica answers for the hours of every series that the Scraper's backfill filled.</summary>
public static class BackfilledCandles
{
    /// <summary>Whether every replica answers every series' hourly candles in [from, to) alike, and with at least <paramref name="hours"/> of them.</summary>
    public static async Task<bool> AlikeAsync(IReadOnlyList<Replica> replicas, IEnumerable<string> series, DateTime from, DateTime to, int hours,
        CancellationToken cancellationToken)
    {
        foreach (var (symbol, source) in series.Select(s => s.Split('/')).Select(parts => (parts[0], parts[1])))
        {
            var answers = new List<IReadOnlyList<Candle>>();
            foreach (var replica in replicas)
            {
                using var http = replica.CreateHttpClient();
                var url = string.Create(CultureInfo.InvariantCulture,
                    $"/api/coins/{symbol}/candles?interval=1h&source={source}&from={from:yyyy-MM-ddTHH:mm:ssZ}&to={to:yyyy-MM-ddTHH:mm:ssZ}");
                var answer = await http.GetFromJsonAsync(url, IngestApiJsonContext.Default.CandleSeries, cancellationToken);
                answers.Add(answer!.Candles);
            }

            if (answers.Any(a => a.Count < hours) || answers.Skip(1).Any(a => !Same(answers[0], a))) return false;
        }

        return true;
    }

    // Prices and counts exactly; volumes are sums, which two stores may add up in another order.
    private static bool Same(IReadOnlyList<Candle> a, IReadOnlyList<Candle> b) =>
        a.Count == b.Count && a.Zip(b).All(p => p.First with { Volume = 0, QuoteVolume = 0 } == p.Second with { Volume = 0, QuoteVolume = 0 }
            && Close(p.First.Volume, p.Second.Volume) && Close(p.First.QuoteVolume, p.Second.QuoteVolume));

    private static bool Close(double x, double y) => Math.Abs(x - y) <= 1e-9 * Math.Max(1, Math.Max(Math.Abs(x), Math.Abs(y)));
}
