using System.Data.Common;
using CryptoViz.ServiceDefaults.Messaging;
using DuckDB.NET.Data;

namespace CryptoViz.Ingest.Storage;

/// <summary>
/// The DuckDB file. One writer connection, used only by the ingest loop; every read opens its own
/// connection on the same database instance, so reads never block the writer (MVCC).
/// </summary>
public sealed class PriceStore : IDisposable
{
    private readonly string _connectionString;
    private readonly DuckDBConnection _writer;
    private readonly RecentKeyIndex _recent = new();

    public PriceStore(IConfiguration configuration, ILogger<PriceStore> logger)
    {
        _connectionString = configuration.GetConnectionString("duckdb")
            ?? throw new InvalidOperationException("ConnectionStrings:duckdb is required, e.g. \"DataSource=/var/lib/cryptoviz/crypto_analytics.duckdb\".");
        var builder = new DuckDBConnectionStringBuilder { ConnectionString = _connectionString };
        DatabasePath = Path.GetFullPath(builder.DataSource);
        Directory.CreateDirectory(Path.GetDirectoryName(DatabasePath)!);

        _writer = new DuckDBConnection(_connectionString);
        _writer.Open();
        Execute(_writer, PriceSchema.Create);
        Execute(_writer, CandleSchema.Create);
        using (var count = _writer.CreateCommand())
        {
            // Nothing else uses the writer yet, so the start-up count needs no reader connection of its own.
            count.CommandText = PriceSchema.CountRows;
            IngestTrace.StoreReady(logger, DatabasePath, Convert.ToInt64(count.ExecuteScalar()));
        }

        LoadRecentKeys();
    }

    public string DatabasePath { get; }

    /// <summary>Where stored candles stop being final; every stored batch moves it back to its earliest tick.</summary>
    public CandleHorizon CandleHorizon { get; } = new();

    /// <summary>Stores a batch in one transaction, dropping records whose natural key is already stored.</summary>
    /// <returns>How many rows were new.</returns>
    public int Write(IReadOnlyList<CryptoPrice> batch)
    {
        if (batch.Count == 0) return 0;
        var (fresh, doubtful) = Split(batch);
        var inserted = fresh.Count;
        using (var transaction = _writer.BeginTransaction())
        {
            // Appenders inside the transaction join it: the fresh rows and the merge commit (or vanish) together.
            Append(_writer.CreateAppender("crypto_prices"), fresh);
            if (doubtful.Count > 0)
            {
                Append(_writer.CreateAppender("temp", "main", "stage"), doubtful);
                inserted += Execute(_writer, PriceSchema.MergeStage);
                Execute(_writer, PriceSchema.ClearStage);
            }

            transaction.Commit();
        }

        _recent.Add(fresh);
        if (inserted > 0) CandleHorizon.MarkWritten(batch.Min(p => p.Timestamp));
        return inserted;
    }

    /// <summary>Records the index finds new, once each, and the ones it cannot decide, which the anti-join checks against the table.</summary>
    private (List<CryptoPrice> Fresh, List<CryptoPrice> Doubtful) Split(IReadOnlyList<CryptoPrice> batch)
    {
        var fresh = new List<CryptoPrice>(batch.Count);
        var doubtful = new List<CryptoPrice>();
        var keys = new HashSet<(string, string, long)>(batch.Count);
        foreach (var price in batch)
        {
            switch (_recent.Find(price))
            {
                case KeyState.Unknown:
                    doubtful.Add(price);
                    break;
                case KeyState.New when keys.Add((price.Symbol, price.Source, RecentKeyIndex.StoredTicks(price.Timestamp))):
                    fresh.Add(price);
                    break;
            }
        }

        return (fresh, doubtful);
    }

    private static void Append(DuckDBAppender appender, List<CryptoPrice> prices)
    {
        using (appender)
        {
            foreach (var p in prices)
            {
                var row = appender.CreateRow()
                    .AppendValue(p.Name).AppendValue(p.Symbol).AppendValue(p.Price);
                row = p.PercentChange24h is { } change ? row.AppendValue(change) : row.AppendNullValue();
                row.AppendValue(p.MarketCap).AppendValue(p.Source)
                    .AppendValue(p.Timestamp).AppendValue(p.IngestionTimestamp)
                    .AppendValue(p.ProducerId).AppendValue(p.SchemaVersion)
                    .EndRow();
            }
        }
    }

    public async Task<IReadOnlyList<CryptoPrice>> GetLatestAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = PriceSchema.Latest;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var prices = new List<CryptoPrice>();
        while (await reader.ReadAsync(cancellationToken))
        {
            prices.Add(ReadPrice(reader));
        }

        return prices;
    }

    public async Task<long> CountRowsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = PriceSchema.CountRows;
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken));
    }

    internal async Task<DuckDBConnection> OpenReaderAsync(CancellationToken cancellationToken)
    {
        var connection = new DuckDBConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    /// <summary>A connection of its own on the same database instance, for background work beside the writer.</summary>
    internal DuckDBConnection OpenConnection()
    {
        var connection = new DuckDBConnection(_connectionString);
        connection.Open();
        return connection;
    }

    // DuckDB.NET reads TIMESTAMP back as Kind=Unspecified; every time we store is UTC.
    private static CryptoPrice ReadPrice(DbDataReader r) => new()
    {
        Name = r.GetString(0),
        Symbol = r.GetString(1),
        Price = r.GetDouble(2),
        PercentChange24h = r.IsDBNull(3) ? null : r.GetDouble(3),
        MarketCap = r.GetDouble(4),
        Source = r.GetString(5),
        Timestamp = DateTime.SpecifyKind(r.GetDateTime(6), DateTimeKind.Utc),
        IngestionTimestamp = DateTime.SpecifyKind(r.GetDateTime(7), DateTimeKind.Utc),
        ProducerId = r.GetString(8),
        SchemaVersion = r.GetString(9),
    };

    private void LoadRecentKeys()
    {
        using var command = _writer.CreateCommand();
        command.CommandText = PriceSchema.NewestPerKey;
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            _recent.Load(reader.GetString(0), reader.GetString(1), reader.GetDateTime(2));
        }
    }

    private static int Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteNonQuery();
    }

    public void Dispose() => _writer.Dispose();
}
