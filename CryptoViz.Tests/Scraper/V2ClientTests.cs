using System.Text.Json;
using CryptoViz.Contracts.Messaging;
using CryptoViz.Tests.Scraper.V2Client;
using CryptoViz.Tests.Support;

namespace CryptoViz.Tests.Scraper;

/// <summary>
/// V2's own consumer (kafka-python 2.0.2 with no codec library importable) reads what the Scraper publishes on both
/// V2 topics: every record, under V2's key, on the partition V2's own partitioner picks for it.
/// </summary>
public sealed class V2ClientTests(EmbeddedKafkaFixture kafka) : IClassFixture<EmbeddedKafkaFixture>, IAsyncLifetime
{
    private static readonly string[] s_v2Fields =
        ["name", "symbol", "price", "percent_change_24h", "market_cap", "source", "timestamp", "ingestion_timestamp", "producer_id", "schema_version"];

    private FakeProviderServer _coinGecko = null!;

    public async ValueTask InitializeAsync() => _coinGecko = await FakeProviderServer.StartAsync();

    public async ValueTask DisposeAsync() => await _coinGecko.DisposeAsync();

    [Theory]
    [InlineData(null)] // the default codec
    [InlineData("None")]
    [InlineData("Gzip")]
    public async Task A_V2_consumer_without_codecs_reads_both_topics(string? compression)
    {
        // Arrange: one CoinGecko cycle of recorded markets, published by the Scraper.
        await using var host = V2Consumer.StartScraper(kafka, _coinGecko, compression);
        var published = await host.ConsumeAsync(kafka, r => r.Count >= V2Consumer.Coins);

        // Act
        var (exitCode, output, error) = await V2Consumer.ReadBothTopicsAsync(kafka, host.ProducerId, published.Count);

        // Assert
        Assert.True(exitCode == 0, $"the V2 consumer failed ({exitCode}):\n{error}");
        var read = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        foreach (var topic in new[] { Topics.RawData, Topics.Streaming })
        {
            var onTopic = read.Where(r => r.GetProperty("topic").GetString() == topic).ToList();
            Assert.Equal(published.Select(p => $"{p.Symbol}_{p.Source}").Order(), onTopic.Select(r => r.GetProperty("key").GetString()).Order());
            Assert.All(onTopic, r =>
            {
                Assert.Equal(r.GetProperty("v2_partition").GetInt32(), r.GetProperty("partition").GetInt32());
                var value = r.GetProperty("value");
                Assert.Superset(s_v2Fields.ToHashSet(), value.EnumerateObject().Select(p => p.Name).ToHashSet());
                Assert.Equal($"{value.GetProperty("symbol").GetString()}_{value.GetProperty("source").GetString()}", r.GetProperty("key").GetString());
            });
        }
    }
}
