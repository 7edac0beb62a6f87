using CryptoViz.Web.Clients;
using CryptoViz.Web.Pipeline;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using CryptoViz.Web.Extensions;
using CryptoViz.Contracts.Apis;

namespace CryptoViz.Tests.Web;

/// <summary>
/// The typed Ingest and Stream clients with the Web server's real wiring (service discovery, resilience),
/// against in-test servers answering canned JSON on real sockets.
/// </summary>
public sealed class PipelineClientsTests : IAsyncLifetime
{
    private static readonly DateTime s_newest = new(2025, 9, 4, 18, 40, 0, DateTimeKind.Utc);
    private CannedJsonServer _ingest = null!;
    private CannedJsonServer _stream = null!;
    private IHost _host = null!;

    public async ValueTask InitializeAsync()
    {
        _ingest = await CannedJsonServer.StartAsync();
        _stream = await CannedJsonServer.StartAsync();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Development });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(FeedHost.Settings(_stream.Address));
        builder.Configuration.AddInMemoryCollection([new("services:ingest:http:0", _ingest.Address.ToString())]);
        builder.AddServiceDefaults();
        builder.AddApplicationServices();
        _host = builder.Build();
    }

    public async ValueTask DisposeAsync()
    {
        _host.Dispose();
        await _ingest.DisposeAsync();
        await _stream.DisposeAsync();
    }

    private IngestClient Ingest => _host.Services.GetRequiredService<IngestClient>();

    private StreamStatsClient Stream => _host.Services.GetRequiredService<StreamStatsClient>();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Ingest_client_reads_stats_coins_candles_ticks_and_sources()
    {
        _ingest.Map("/api/stats", CannedJson.Stats(s_newest))
            .Map("/api/coins", CannedJson.Coins(s_newest, s_newest.AddMinutes(-15)))
            .Map("/api/coins/BTC/candles", CannedJson.Candles("BTC", "coingecko", s_newest, 3))
            .Map("/api/coins/BTC/ticks", CannedJson.Ticks("BTC", 111000, s_newest, 2, "coinmarketcap", "coingecko"))
            .Map("/api/coins/BTC/sources", CannedJson.Sources("BTC", s_newest));

        var stats = await Ingest.GetStatsAsync(Ct);
        var coins = await Ingest.GetCoinsAsync(Ct);
        var candles = await Ingest.GetCandlesAsync("BTC", "5m", "coingecko", s_newest.AddDays(-1), s_newest, Ct);
        var ticks = await Ingest.GetTicksAsync("BTC", s_newest.AddDays(-1), s_newest, 500, Ct);
        var sources = await Ingest.GetSourcesAsync("BTC", Ct);

        Assert.Equal(new StoreStats(123456, 10, 2, 52428800, new DateTime(2025, 9, 1), s_newest, 7), stats with { Newest = DateTime.SpecifyKind(stats.Newest!.Value, DateTimeKind.Utc) });
        Assert.Equal(3, coins.Count);
        Assert.Equal(("BTC", "coingecko", 111790.12, (double?)null, 1.31), (coins[1].Symbol, coins[1].Source, coins[1].Price, coins[1].ChangePercent1h, coins[1].ChangePercent24h));
        Assert.Equal("coingecko", candles!.Source);
        Assert.Equal(3, candles.Candles.Count);
        Assert.Equal(3, candles.Candles[0].Ticks);
        Assert.Equal(4, ticks.Count);
        Assert.Equal(["coingecko", "coinmarketcap"], sources!.Sources.Select(s => s.Source));
        Assert.Equal(52.25, sources.Spread);
        Assert.Contains(_ingest.Requests, r => r.StartsWith("/api/coins/BTC/candles?interval=5m&from=2025-09-03T18%3A40%3A00Z&to=2025-09-04T18%3A40%3A00Z&source=coingecko", StringComparison.Ordinal));
        Assert.Contains(_ingest.Requests, r => r.Contains("limit=500", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_coin_without_stored_prices_has_no_sources()
    {
        Assert.Null(await Ingest.GetSourcesAsync("NOPE", Ct));
    }

    [Fact]
    public async Task Stream_client_reads_stats_and_a_healthy_report()
    {
        _stream.Map("/stats", CannedJson.StreamStats).Map("/health", CannedJson.StreamHealthy);

        var stats = await Stream.GetStatsAsync(Ct);
        var (health, body) = await Stream.GetHealthAsync(Ct);

        Assert.Equal((3, 12.5, "connected", 729.42), (stats.ConnectedClients, stats.EventsPerSecond, stats.RedpandaStatus, stats.UptimeSeconds));
        Assert.Equal(ServiceStatus.Healthy, health.Status);
        Assert.Equal("Broker ok, streaming active", health.Detail);
        Assert.Equal("redpanda", body!.Backend);
        Assert.Null(stats.Broker);

        _stream.Map("/stats", CannedJson.StreamStatsFrom("external"));
        Assert.Equal("external", (await Stream.GetStatsAsync(Ct)).Broker);
    }

    [Fact]
    public async Task Stream_health_500_is_read_as_an_unhealthy_report_without_retries()
    {
        _stream.Map("/health", CannedJson.StreamUnhealthy, 500);

        var (health, body) = await Stream.GetHealthAsync(Ct);

        Assert.Equal(ServiceStatus.Unhealthy, health.Status);
        Assert.Equal("Broker error, streaming inactive", health.Detail);
        Assert.Equal("inactive", body!.Streaming);
        Assert.Single(_stream.Requests, r => r == "/health");
    }

    [Fact]
    public async Task Ingest_health_reads_the_plain_text_report()
    {
        _ingest.Map("/health", "Unhealthy", 503);
        Assert.Equal(ServiceStatus.Unhealthy, (await Ingest.GetHealthAsync(Ct)).Status);

        _ingest.Map("/health", "Healthy");
        Assert.Equal(ServiceStatus.Healthy, (await Ingest.GetHealthAsync(Ct)).Status);
    }

    [Fact]
    public async Task A_service_that_is_gone_is_reported_unreachable_and_the_rest_still_loads()
    {
        _ingest.Map("/health", "Healthy").Map("/api/stats", CannedJson.Stats(s_newest)).Map("/api/coins", "[]");
        await _stream.DisposeAsync();

        var status = await _host.Services.GetRequiredService<PipelineMonitor>().LoadStatusAsync(Ct);

        Assert.Equal(
            [("Stream", ServiceStatus.Unreachable), ("Ingest", ServiceStatus.Healthy), ("Web", ServiceStatus.Healthy)],
            status.Services.Select(s => (s.Name, s.Status)));
        Assert.Null(status.Stream);
        Assert.Equal(123456, status.Store!.Rows);
        Assert.Empty(status.Coins!);
    }
}
