using System.Net;
using CryptoViz.Tests.Stream;
using CryptoViz.Tests.Support;

namespace CryptoViz.Tests.Ingest;

/// <summary>
/// Liveness and readiness the way Kubernetes means them: a lost broker degrades a service (its consumer or producer
/// waits) but neither restarts it nor takes its query API or open streams out of the Service.
/// A broker of its own: these tests take it down.
/// </summary>
public sealed class BrokerOutageProbeTests(EmbeddedKafkaFixture kafka) : IClassFixture<EmbeddedKafkaFixture>, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("cryptoviz-probes-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Ingest_stays_ready_and_answers_queries_while_the_broker_is_down_then_turns_healthy_again()
    {
        await using var factory = IngestTestHost.Create(kafka, Path.Combine(_directory, "outage.duckdb"), DateTime.UtcNow);
        using var http = factory.CreateClient();
        await ProbeAsync(http, "/ready", HttpStatusCode.OK, "Healthy");

        kafka.SetBrokerDown(true);
        await ProbeAsync(http, "/ready", HttpStatusCode.OK, "Degraded");
        using (var coins = await http.GetAsync("/api/coins", Ct)) Assert.Equal(HttpStatusCode.OK, coins.StatusCode);
        await AssertBodyAsync(http, "/alive", HttpStatusCode.OK, "Healthy");

        kafka.SetBrokerDown(false);
        await ProbeAsync(http, "/ready", HttpStatusCode.OK, "Healthy");
    }

    [Fact]
    public async Task Stream_stays_ready_and_alive_while_the_broker_is_down_and_V2_health_still_says_500()
    {
        await using var app = StreamAppFactory.Start(kafka.BootstrapServers);
        using var http = app.CreateHttpClient();
        await http.WaitUntilStreamingAsync();
        await ProbeAsync(http, "/ready", HttpStatusCode.OK, "Healthy");

        kafka.SetBrokerDown(true);
        await ProbeAsync(http, "/ready", HttpStatusCode.OK, "Degraded");
        await AssertBodyAsync(http, "/alive", HttpStatusCode.OK, "Healthy");
        using (var health = await http.GetAsync("/health", Ct)) Assert.Equal(HttpStatusCode.InternalServerError, health.StatusCode);

        kafka.SetBrokerDown(false);
        await ProbeAsync(http, "/ready", HttpStatusCode.OK, "Healthy");
    }

    public void Dispose()
    {
        kafka.SetBrokerDown(false);
        Directory.Delete(_directory, recursive: true);
    }

    private static Task ProbeAsync(HttpClient http, string path, HttpStatusCode status, string report) =>
        Eventually.GetAsync(async () =>
        {
            using var response = await http.GetAsync(path, Ct);
            return (response.StatusCode, Body: await response.Content.ReadAsStringAsync(Ct));
        }, r => r.StatusCode == status && r.Body == report, TimeSpan.FromSeconds(30), $"{path} answers {(int)status} {report}");

    private static async Task AssertBodyAsync(HttpClient http, string path, HttpStatusCode status, string report)
    {
        using var response = await http.GetAsync(path, Ct);
        Assert.Equal(status, response.StatusCode);
        Assert.Equal(report, await response.Content.ReadAsStringAsync(Ct));
    }
}
