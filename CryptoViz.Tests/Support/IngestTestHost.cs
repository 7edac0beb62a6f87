using CryptoViz.Ingest;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CryptoViz.Tests.Support;

/// <summary>
/// An in-process Ingest on a DuckDB file of its own and the embedded broker, its clock fixed at
/// <paramref name="now"/>: default query ranges are known and timers (retention, forecasts) never fire by themselves.
/// </summary>
public static class IngestTestHost
{
    public static WebApplicationFactory<IngestOptions> Create(
        EmbeddedKafkaFixture kafka, string databasePath, DateTime now, Action<IWebHostBuilder>? configure = null) =>
        new WebApplicationFactory<IngestOptions>().WithWebHostBuilder(web =>
        {
            foreach (var (key, value) in kafka.ServiceConfiguration) web.UseSetting(key, value);
            web.UseSetting("ConnectionStrings:duckdb", $"DataSource={databasePath}");
            web.UseSetting("Ingest:ConsumerGroup", $"ingest-test-{Guid.NewGuid():N}");
            web.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(now))));
            configure?.Invoke(web);
        });
}
