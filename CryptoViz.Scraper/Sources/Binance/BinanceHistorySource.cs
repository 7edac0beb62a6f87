using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using CryptoViz.Scraper.Backfill;
using CryptoViz.Contracts.Messaging;

namespace CryptoViz.Scraper.Sources.Binance;

/// <summary>
/// The past of the pairs the Binance stream follows: <c>GET /api/v3/klines</c> on the public market-data host
/// (<see cref="BinanceStreamOptions.RestBaseUrl"/>), 1-minute klines, up to 1,000 a call. Each call asks from the
/// cursor to the end of the request; Binance answers with the first klines it has there, so a stretch without klines (a
/// pair listed later, an exchange outage) costs no call of its own. Paced by the request weight Binance reports
/// (<see cref="BinanceWeightPacer"/>); a 418 (IP ban) ends the fetch with the ban's Retry-After.
/// </summary>
public sealed class BinanceHistorySource(
    IHttpClientFactory clients,
    BinanceStreamSource stream,
    SourceSupervisor supervisor,
    TimeProvider time,
    ILogger<BinanceHistorySource> logger) : HttpHistorySource(clients, HttpClientName, time, logger)
{
    public const string HttpClientName = "binance-history";

    /// <summary>The used request weight of the IP in the current minute, on every response.</summary>
    public const string UsedWeightHeader = "X-MBX-USED-WEIGHT-1M";

    /// <summary>Binance's largest page, and never more than a <see cref="CandleBatch"/> carries.</summary>
    private const int Limit = CandleBatch.MaxCandles < 1000 ? CandleBatch.MaxCandles : 1000;

    private readonly BinanceWeightPacer _pacer = new(stream.Settings.RestWeightBudget);

    public override string Name => BinanceTickerParser.SourceName;

    /// <summary>The followed pairs' base assets, named as the live records name them, while the stream delivers.</summary>
    public override IReadOnlyList<HistorySeries> Series =>
        supervisor.IsDelivering(Name)
            ? [.. stream.Settings.SymbolList.Select(s => s.ToUpperInvariant()).Distinct().Select(s => new HistorySeries(s, KnownCoins.NameOf(s)))]
            : [];

    public override async IAsyncEnumerable<HistoryPage> FetchAsync(
        HistorySeries series, DateTime from, DateTime to, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        CheckRange(from, to);
        var pair = series.Symbol + stream.Settings.QuoteAsset;
        var cursor = from;
        while (cursor < to)
        {
            var (candles, full) = await FetchPageAsync(series.Symbol, pair, cursor, to, cancellationToken).ConfigureAwait(false);
            // A short answer means Binance has no more klines before `to`; a full one may stop anywhere before it.
            var end = full ? candles[^1].Time.AddMinutes(1) : to;
            yield return new HistoryPage(cursor, end, candles);
            cursor = end;
        }
    }

    protected override TimeSpan ReserveCall(DateTimeOffset now) => _pacer.Reserve(now);

    protected override void Observe(HttpResponseMessage response, DateTimeOffset at)
    {
        if (response.Headers.TryGetValues(UsedWeightHeader, out var values)
            && int.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var used))
        {
            _pacer.Observe(used, at);
        }
    }

    /// <returns>The klines of [<paramref name="from"/>, <paramref name="to"/>) Binance returned, and whether it returned a full page.</returns>
    private async Task<(List<HistoryCandle> Candles, bool Full)> FetchPageAsync(
        string symbol, string pair, DateTime from, DateTime to, CancellationToken cancellationToken)
    {
        var path = $"api/v3/klines?symbol={Uri.EscapeDataString(pair)}&interval=1m&startTime={UnixMilliseconds(from)}" +
                   $"&endTime={UnixMilliseconds(to) - 1}&limit={Limit}";
        using var document = await GetJsonAsync(path, null, cancellationToken).ConfigureAwait(false);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Array)
        {
            throw new HistoryUnavailableException($"{Name}: {path}: expected a JSON array of klines, got {root.ValueKind}");
        }

        var rows = root.GetArrayLength();
        var candles = new List<HistoryCandle>(rows);
        var rejected = 0;
        string? firstReason = null;
        foreach (var row in root.EnumerateArray())
        {
            var (candle, reason) = BinanceKline.Read(row);
            reason ??= candle!.Time < from || candle.Time >= to ? "outside the range asked for"
                : candles.Count > 0 && candle.Time <= candles[^1].Time ? "not after the previous kline"
                : null;
            if (reason is null)
            {
                candles.Add(candle!);
                continue;
            }

            rejected++;
            firstReason ??= reason;
        }

        if (rejected > 0) ScraperLog.HistoryItemsRejected(Logger, Name, symbol, rejected, rows, firstReason!);
        var full = rows >= Limit;
        if (full && candles.Count == 0)
        {
            throw new HistoryUnavailableException($"{Name}: {path}: a full page of {rows} rows without one valid kline");
        }

        return (candles, full);
    }
}
