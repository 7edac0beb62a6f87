using System.Diagnostics.Metrics;
using CryptoViz.Ingest;
using CryptoViz.Ingest.Services;
using CryptoViz.Ingest.Storage;
using DuckDB.NET.Data;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CryptoViz.Tests.Support;

/// <summary>Ingest's <see cref="PriceStore"/> on a real DuckDB file in a temporary folder, deleted afterwards.</summary>
internal sealed class TempPriceStore : IDisposable
{
    private readonly string _directory;
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly IngestOptions _options;
    private readonly IngestTelemetry _telemetry;

    /// <param name="settings">DuckDB settings to append to the connection string, e.g. <c>";threads=3"</c>.</param>
    /// <param name="options">Ingest's options for the store (the recent-key index's size), else the defaults.</param>
    public TempPriceStore(string name, string settings = "", IngestOptions? options = null)
    {
        _directory = Directory.CreateTempSubdirectory($"cryptoviz-{name}-").FullName;
        ConnectionString = $"DataSource={Path.Combine(_directory, $"{name}.duckdb")}{settings}";
        _options = options ?? new IngestOptions();
        _telemetry = new IngestTelemetry(_services.GetRequiredService<IMeterFactory>());
        Store = Reopen();
    }

    public string ConnectionString { get; }

    public PriceStore Store { get; }

    /// <summary>A store of its own on the same file, as Ingest starting on it (the caller disposes it).</summary>
    public PriceStore Reopen() => new(
        new ConfigurationBuilder().AddInMemoryCollection([new("ConnectionStrings:duckdb", ConnectionString)]).Build(),
        Options.Create(_options), _telemetry, NullLogger<PriceStore>.Instance);

    /// <summary>Ingest's rollup, once, as if it ran at <paramref name="now"/>: the stored candles then reach up to its minute.</summary>
    public void RollUp(DateTime now) =>
        new CandleRollupService(Store, Options.Create(new RollupOptions()), _telemetry, new FakeTimeProvider(now), NullLogger<CandleRollupService>.Instance).Roll();

    /// <summary>The instruments the store records on; pass them on to the services under test.</summary>
    public IngestTelemetry Telemetry() => _telemetry;

    /// <summary>Runs a statement on a connection of its own, beside the store's writer (e.g. to take its table away).</summary>
    public void Execute(string sql)
    {
        using var connection = new DuckDBConnection(ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        Store.Dispose();
        _services.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
