using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using CryptoViz.Contracts.Messaging;
using CryptoViz.Tests.Hosting.Publish;
using CryptoViz.Tests.Support;

namespace CryptoViz.Tests.Scraper.V2Client;

/// <summary>
/// V2's own consumer, <c>v2_consumer.py</c> on Debian's python3-kafka (kafka-python 2.0.2), beside a Scraper that publishes
/// one cycle of CoinGecko's recorded markets with a chosen codec.
/// </summary>
internal static class V2Consumer
{
    /// <summary>The coins of the recorded page the provider serves: exactly what one cycle publishes.</summary>
    public const int Coins = 50;

    private const string Python = "/usr/bin/python3";
    private const string CompressionSetting = "Aspire:Confluent:Kafka:Producer:Config:CompressionType";

    /// <summary>A started Scraper polling <paramref name="coinGecko"/>; <paramref name="compression"/> null keeps the default codec.</summary>
    public static ScraperHost StartScraper(EmbeddedKafkaFixture kafka, FakeProviderServer coinGecko, string? compression)
    {
        var markets = JsonNode.Parse(ScraperFixtures.Read(ScraperFixtures.CoinGeckoMarkets))!.AsArray();
        coinGecko.RespondJson(new JsonArray([.. markets.Take(Coins).Select(m => m?.DeepClone())]).ToJsonString());
        var settings = new Dictionary<string, string?>
        {
            ["Scraper:CoinGecko:Enabled"] = "true",
            ["Scraper:CoinGecko:BaseUrl"] = coinGecko.BaseUrl.ToString(),
        };
        if (compression is not null) settings[CompressionSetting] = compression;
        var host = new ScraperHost(kafka, settings);
        _ = host.Services;
        return host;
    }

    /// <summary>Reads both V2 topics from the start until <paramref name="perTopic"/> records of <paramref name="producerId"/> came on each.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> ReadBothTopicsAsync(
        EmbeddedKafkaFixture kafka, string producerId, int perTopic)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(2));
        return await CommandLine.RunAsync(Python,
            [ScriptPath(), kafka.BootstrapServers, producerId, perTopic.ToString(CultureInfo.InvariantCulture), Topics.RawData, Topics.Streaming],
            Path.GetTempPath(), timeout.Token);
    }

    private static string ScriptPath([CallerFilePath] string path = "") => Path.Combine(Path.GetDirectoryName(path)!, "v2_consumer.py");
}
