using System.Diagnostics.Metrics;
using CryptoViz.Ingest;
using CryptoViz.Ingest.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace CryptoViz.Tests.Support;

/// <summary>Ingest's <see cref="PriceStore"/> on a real DuckDB file in a temporary folder, deleted afterwards.</summary>
internal sealed class TempPriceStore : IDisposable
{
    private readonly string _directory;
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    public TempPriceStore(string name)
    {
        _directory = Directory.CreateTempSubdirectory($"cryptoviz-{name}-").FullName;
        ConnectionString = $"DataSource={Path.Combine(_directory, $"{name}.duckdb")}";
        Store = new PriceStore(
            new ConfigurationBuilder().AddInMemoryCollection([new("ConnectionStrings:duckdb", ConnectionString)]).Build(),
            NullLogger<PriceStore>.Instance);
    }

    public string ConnectionString { get; }

    public PriceStore Store { get; }

    public IngestTelemetry Telemetry() => new(_services.GetRequiredService<IMeterFactory>());

    public void Dispose()
    {
        Store.Dispose();
        _services.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
