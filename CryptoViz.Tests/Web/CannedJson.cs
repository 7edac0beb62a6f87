using System.Globalization;

namespace CryptoViz.Tests.Web;

/// <summary>Ingest's and Stream's answers as they put them on the wire (Ingest camelCase, Stream V2's snake_case).</summary>
internal static class CannedJson
{
    public const string StreamStats = """
        {"backend":"redpanda","connected_clients":3,"last_data_received":"2025-09-04T18:42:09.731011","messages_sent":34,
         "redpanda_status":"connected","uptime":"2025-09-04T18:30:00.112233","uptime_seconds":729.42,
         "events_per_second":12.5,"dropped_events":0,"slow_clients_disconnected":0,"slowest_client_lag":0.2}
        """;

    /// <summary><see cref="StreamStats"/> from a Stream the AppHost told which kind of broker it reads.</summary>
    /// <summary>The Scraper's <c>/api/backfill</c>, written by the contract the Scraper itself serialises.</summary>
    public static string Backfill(string state, string summary) => System.Text.Json.JsonSerializer.Serialize(
        new CryptoViz.Contracts.Messaging.BackfillStatus(state, 20, 12, 0, 3.1, 12 * 4464, DateTime.UtcNow, null, null, summary),
        CryptoViz.Contracts.Messaging.CryptoVizJsonContext.Default.BackfillStatus);

    public static string StreamStatsFrom(string broker) => StreamStats.TrimEnd()[..^1] + $$""","broker":"{{broker}}"}""";

    public const string StreamHealthy = """
        {"backend":"redpanda","clients":3,"redpanda":"ok","status":"healthy","streaming":"active","timestamp":"2025-09-04T18:43:01.529911"}
        """;

    public const string StreamUnhealthy = """
        {"backend":"redpanda","clients":0,"redpanda":"error","status":"unhealthy","streaming":"inactive","timestamp":"2025-09-04T18:43:01.529911"}
        """;

    public static string Stats(DateTime newest) => $$"""
        {"rows":123456,"coins":10,"sources":2,"databaseBytes":52428800,"oldest":"2025-09-01T00:00:00","newest":"{{Iso(newest)}}","consumerLag":7}
        """;

    /// <summary>
    /// BTC and ETH from CoinMarketCap (stored <paramref name="cmc"/>) and BTC from CoinGecko (stored <paramref name="gecko"/>),
    /// with the 24 h volumes the providers reported, none for ETH.
    /// </summary>
    public static string Coins(DateTime cmc, DateTime gecko) => $$"""
        [{"symbol":"BTC","name":"Bitcoin","source":"coinmarketcap","price":111842.37,"marketCap":2.227e12,"timestamp":"{{Iso(cmc)}}","changePercent1h":0.1,"changePercent24h":1.38,"volume24h":34883015919.88},
         {"symbol":"BTC","name":"Bitcoin","source":"coingecko","price":111790.12,"marketCap":2.226e12,"timestamp":"{{Iso(gecko)}}","changePercent1h":null,"changePercent24h":1.31,"volume24h":10076421985},
         {"symbol":"ETH","name":"Ethereum","source":"coinmarketcap","price":4312.08,"marketCap":5.2e11,"timestamp":"{{Iso(cmc)}}","changePercent1h":-0.2,"changePercent24h":-0.42,"volume24h":null}]
        """;

    /// <summary>
    /// Ingest's <c>/api/coins/history</c> of the day before <paramref name="to"/> in 97 15-minute buckets: BTC from CoinMarketCap
    /// a whole day, closing 111,000 an hour ago and 110,000 a day ago; BTC from CoinGecko its last 10 buckets only; ETH no
    /// bucket (an hour's close, 4,320.72, only). The 24 h volumes as in <see cref="Coins"/>.
    /// </summary>
    public static string History(DateTime to)
    {
        var from = new DateTime(to.Ticks - to.Ticks % TimeSpan.TicksPerHour, DateTimeKind.Utc).AddHours(-24);
        string Closes(int stored) => "[" + string.Join(",", Enumerable.Range(0, 97).Select(i =>
            i < 97 - stored ? "null" : F(110000 + 1800 * i / 96.0 + 300 * Math.Sin(i / 6.0)))) + "]";
        return $$"""
            {"from":"{{Iso(from)}}","to":"{{Iso(to)}}","stepMinutes":15,"series":[
             {"symbol":"BTC","source":"coinmarketcap","closes":{{Closes(97)}},"close1hAgo":111000,"close24hAgo":110000,"volume24h":34883015919.88},
             {"symbol":"BTC","source":"coingecko","closes":{{Closes(10)}},"close1hAgo":null,"close24hAgo":null,"volume24h":10076421985},
             {"symbol":"ETH","source":"coinmarketcap","closes":{{Closes(0)}},"close1hAgo":4320.72,"close24hAgo":null,"volume24h":null}]}
            """;
    }

    /// <summary><paramref name="count"/> rows per source, two minutes apart, newest first (as Ingest sorts them).</summary>
    public static string Ticks(string symbol, double price, DateTime newest, int count, params string[] sources)
    {
        var rows = new List<string>();
        for (var i = 0; i < count; i++)
        {
            foreach (var (source, n) in sources.Select((s, n) => (s, n)))
            {
                var value = price * (1 + 0.004 * Math.Sin((i + 3 * n) / 6.0) + 0.0005 * n);
                rows.Add($$"""{"timestamp":"{{Iso(newest.AddMinutes(-2 * i))}}","symbol":"{{symbol}}","name":"{{symbol}}","source":"{{source}}","price":{{value.ToString("R", CultureInfo.InvariantCulture)}},"percentChange24h":1.2,"marketCap":1e9,"ingestionTimestamp":"{{Iso(newest.AddMinutes(-2 * i))}}","producerId":"test"}""");
            }
        }

        return "[" + string.Join(",", rows) + "]";
    }

    public static string Sources(string symbol, DateTime at) => $$"""
        {"symbol":"{{symbol}}","sources":[{"source":"coingecko","price":111790.12,"timestamp":"{{Iso(at)}}"},{"source":"coinmarketcap","price":111842.37,"timestamp":"{{Iso(at)}}"}],
         "min":111790.12,"max":111842.37,"spread":52.25,"spreadPercent":0.0467}
        """;

    /// <summary><paramref name="count"/> candles <paramref name="minutes"/> wide up to <paramref name="newest"/>, each with a volume of <see cref="CandleVolume"/>.</summary>
    public static string Candles(string symbol, string source, DateTime newest, int count, int minutes = 5)
    {
        var rows = Enumerable.Range(0, count).Select(i =>
        {
            var open = 111000 + 400 * Math.Sin(i / 5.0);
            var close = 111000 + 400 * Math.Sin((i + 1) / 5.0);
            var volume = CandleVolume(i);
            return $$"""{"time":"{{Iso(newest.AddMinutes(minutes * (i - count + 1)))}}","open":{{F(open)}},"high":{{F(Math.Max(open, close) + 60)}},"low":{{F(Math.Min(open, close) - 60)}},"close":{{F(close)}},"ticks":3,"volume":{{F(volume)}},"quoteVolume":{{F(volume * close)}}}""";
        });
        return $$"""{"symbol":"{{symbol}}","source":"{{source}}","interval":"{{minutes}}m","from":"2025-09-01T00:00:00","to":"2025-09-05T00:00:00","candles":[{{string.Join(",", rows)}}]}""";
    }

    /// <summary>Ingest's served forecasts of one coin and source from <paramref name="origin"/>: naive at 1 min and 4 h, models between.</summary>
    public static string Forecasts(string symbol, string source, DateTime origin, double last)
    {
        (int Horizon, string Model, double Drift, double? Mase)[] served =
            [(1, "naive", 0, 1), (15, "ewma_drift", 0.0012, 0.97), (60, "boosted_trees", 0.003, 0.94), (240, "naive", 0, 1)];
        var rows = served.Select(s =>
        {
            var central = last * (1 + s.Drift);
            var half = last * 0.0016 * Math.Sqrt(s.Horizon);
            return $$"""{"symbol":"{{symbol}}","source":"{{source}}","model":"{{s.Model}}","horizonMinutes":{{s.Horizon}},"originTime":"{{Iso(origin)}}","targetTime":"{{Iso(origin.AddMinutes(s.Horizon))}}","last":{{F(last)}},"central":{{F(central)}},"lower":{{F(central - half)}},"upper":{{F(central + half)}},"backtestPoints":480,"mase":{{F(s.Mase!.Value)}},"coverage90":0.9}""";
        });
        return "[" + string.Join(",", rows) + "]";
    }

    /// <summary>
    /// Ingest's <c>/api/models</c> (snake_case): on replay/BTC a model beats naive at 15 and 60 min; on simulated/ETH none
    /// does, so naive is served; momentum loses to naive everywhere. Served rows carry their out-of-sample selection score.
    /// </summary>
    public const string Models = """
        [{"series":"replay/BTC","model":"naive","horizon_min":15,"n":480,"mae":52.1,"mase":1,"hit_rate":null,"coverage90":0.9,"served":false},
         {"series":"replay/BTC","model":"ewma_drift","horizon_min":15,"n":480,"mae":50.5,"mase":0.97,"hit_rate":0.54,"coverage90":0.89,"served":true,"selection_n":480,"selection_mase":0.99,"selection_coverage90":0.88},
         {"series":"replay/BTC","model":"momentum","horizon_min":15,"n":480,"mae":58.3,"mase":1.12,"hit_rate":0.49,"coverage90":0.86,"served":false},
         {"series":"replay/BTC","model":"naive","horizon_min":60,"n":470,"mae":101.2,"mase":1,"hit_rate":null,"coverage90":0.91,"served":false},
         {"series":"replay/BTC","model":"boosted_trees","horizon_min":60,"n":470,"mae":95.1,"mase":0.94,"hit_rate":0.56,"coverage90":0.9,"served":true,"selection_n":470,"selection_mase":0.97,"selection_coverage90":0.9},
         {"series":"replay/BTC","model":"momentum","horizon_min":60,"n":470,"mae":120.9,"mase":1.19,"hit_rate":0.5,"coverage90":0.84,"served":false},
         {"series":"simulated/ETH","model":"naive","horizon_min":15,"n":480,"mae":3.1,"mase":1,"hit_rate":null,"coverage90":0.9,"served":true,"selection_n":480,"selection_mase":1,"selection_coverage90":0.9},
         {"series":"simulated/ETH","model":"ewma_drift","horizon_min":15,"n":480,"mae":3.2,"mase":1.03,"hit_rate":0.5,"coverage90":0.9,"served":false},
         {"series":"simulated/ETH","model":"momentum","horizon_min":15,"n":480,"mae":3.6,"mase":1.16,"hit_rate":0.48,"coverage90":0.87,"served":false}]
        """;

    /// <summary>The <paramref name="i"/>-th canned candle's volume, in BTC.</summary>
    public static double CandleVolume(int i) => 12.5 + 10 * (i % 7);

    private static string F(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    // Ingest writes DuckDB timestamps without an offset.
    private static string Iso(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
}
