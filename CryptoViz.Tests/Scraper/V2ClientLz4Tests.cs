using CryptoViz.Tests.Scraper.V2Client;
using CryptoViz.Tests.Support;

namespace CryptoViz.Tests.Scraper;

/// <summary>
/// The codec trade-off, seen from V2's side: a Scraper configured for LZ4 publishes what V2's consumer cannot read.
/// A broker of its own, since an LZ4 batch on a shared topic would stop every V2 consumer reading from the start.
/// </summary>
public sealed class V2ClientLz4Tests(EmbeddedKafkaFixture kafka) : IClassFixture<EmbeddedKafkaFixture>
{
    [Fact]
    public async Task Lz4_batches_stop_a_V2_consumer_that_has_no_codec_library()
    {
        await using var coinGecko = await FakeProviderServer.StartAsync();
        await using var host = V2Consumer.StartScraper(kafka, coinGecko, "Lz4");
        var published = await host.ConsumeAsync(kafka, r => r.Count >= V2Consumer.Coins);

        var (exitCode, _, error) = await V2Consumer.ReadBothTopicsAsync(kafka, host.ProducerId, published.Count);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("UnsupportedCodecError: Libraries for lz4 compression codec not found", error);
    }
}
