using CryptoViz.Contracts.Messaging;
using DuckDB.NET.Data;
using Microsoft.Extensions.Options;

namespace CryptoViz.Ingest.Storage;

/// <summary>
/// The DuckDB file. One writer connection, used only by the ingest loop; every read opens its own
/// connection on the same database instance, so reads never block the writer (MVCC).
/// </summary>
public sealed class PriceStore : IDisposable
{
    private const string ThreadsSetting = "threads";
    private const string MemoryLimitSetting = "memory_limit";

    /// <summary>
    /// DuckDB's memory cap (buffer pool and operators), unless the connection string sets <c>memory_limit</c>. DuckDB's
    /// default, 80 % of RAM, lets a long-running Ingest keep caching a growing store; past the cap DuckDB evicts pages
    /// and spills large operators to a temp folder beside the file. 256 MB holds the development load's working set and
    /// the ingest benchmark's 600k-record runs at the same rate (bench/README.md).
    /// </summary>
    internal const string DefaultMemoryLimit = "256MB";

    /// <summary>
    /// DuckDB's worker threads, unless the connection string sets <c>threads</c>. DuckDB's default (one per core) makes
    /// the writer spin while a worker finishes its part of a commit's checkpoint, on the cores the consumer and librdkafka
    /// need: on 2 cores one thread stored the same batches with ~25 % less CPU per message. Reads share the setting.
    /// </summary>
    private static int DefaultThreads => Math.Max(1, Environment.ProcessorCount - 2);

    private static readonly HistoryRows s_noHistory = new();

    private readonly string _connectionString;
    private readonly DuckDBConnection _writer;
    private readonly RecentKeyIndex _recent;

    // The writer's scratch, kept between batches: at batch sizes these reach the large-object heap.
    private readonly List<int> _fresh = [];
    private readonly List<int> _doubtful = [];
    private readonly List<int> _lateFresh = [];
    private bool _lateDoubtful;

    public PriceStore(IConfiguration configuration, IOptions<IngestOptions> options, IngestTelemetry telemetry, ILogger<PriceStore> logger)
    {
        _recent = new RecentKeyIndex(options.Value.RecentKeySeries, telemetry);
        var builder = new DuckDBConnectionStringBuilder
        {
            ConnectionString = configuration.GetConnectionString("duckdb")
                ?? throw new InvalidOperationException("ConnectionStrings:duckdb is required, e.g. \"DataSource=/var/lib/cryptoviz/crypto_analytics.duckdb\".")
        };
        if (!builder.ContainsKey(ThreadsSetting)) builder[ThreadsSetting] = DefaultThreads;
        if (!builder.ContainsKey(MemoryLimitSetting)) builder[MemoryLimitSetting] = DefaultMemoryLimit;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(builder.DataSource))!);
        (_writer, _connectionString) = DatabaseSlot.OpenFirstFree(builder, logger);
        DatabasePath = Path.GetFullPath(builder.DataSource);
        _writer.Execute(PriceSchema.Create);
        _writer.Execute(CandleSchema.Create);
        _writer.Execute(HistorySchema.Create);
        // Nothing else uses the writer yet, so the start-up reads need no reader connection of their own.
        IngestLog.StoreReady(logger, DatabasePath, Convert.ToInt64(_writer.Scalar(PriceSchema.CountRows)));
        LoadRecentKeys();
        if (_writer.Scalar(CandleSchema.RolledUpTo) is DateTime end) CandleHorizon.RolledUpTo(DateTime.SpecifyKind(end, DateTimeKind.Utc));
    }

    public string DatabasePath { get; }

    /// <summary>Bytes on disk: the database file and its write-ahead log, which holds what was stored since the last checkpoint.</summary>
    public long DatabaseBytes => FileBytes(DatabasePath) + FileBytes(DatabasePath + ".wal");

    /// <summary>Where stored candles end and raw ticks take over.</summary>
    public CandleHorizon CandleHorizon { get; } = new();

    /// <summary>
    /// Held by every transaction that writes candles: a batch (which merges its ticks from before the horizon into their
    /// candles) and a rollup (which adds candles and moves the horizon). Each then sees the other's horizon as committed.
    /// </summary>
    internal Lock CandleLock { get; } = new();

    /// <summary>Stores a batch in one transaction, dropping rows whose natural key is already stored.</summary>
    /// <returns>How many rows were new.</returns>
    public int Write(PriceRows batch) => Write(batch, s_noHistory).Rows;

    /// <summary>
    /// Stores ticks and history pages in one transaction: ticks whose natural key is already stored are dropped, and
    /// history candles for minutes that already have one (<see cref="HistorySchema"/>).
    /// </summary>
    public StoreResult Write(PriceRows batch, HistoryRows history)
    {
        if (batch.Count == 0 && history.Pages == 0) return default;
        lock (CandleLock)
        {
            var horizon = CandleHorizon.Value;
            Split(batch, horizon);
            var inserted = _fresh.Count;
            var candles = 0;
            try
            {
                using var transaction = _writer.BeginTransaction();
                if (history.Pages > 0) candles = StoreHistory(history, horizon);
                // Appenders inside the transaction join it: the fresh rows, the merge and the candles commit (or vanish) together.
                Append(_writer.CreateAppender("crypto_prices"), batch, _fresh);
                if (_doubtful.Count > 0)
                {
                    Append(_writer.CreateAppender("temp", "main", "stage"), batch, _doubtful);
                    if (_lateDoubtful) _writer.Execute(CandleSchema.StageLate, ("end", horizon!.Value));
                    inserted += _writer.Execute(PriceSchema.MergeStage);
                    _writer.Execute(PriceSchema.ClearStage);
                }

                if (_lateFresh.Count > 0) Append(_writer.CreateAppender("temp", "main", "late"), batch, _lateFresh);
                if (_lateFresh.Count > 0 || _lateDoubtful) _writer.Execute(CandleSchema.MergeLate);
                transaction.Commit();
            }
            catch
            {
                _recent.Discard();
                throw;
            }

            _recent.Commit();
            return new StoreResult(inserted, candles);
        }
    }

    /// <returns>How many candles were new (stored or pending).</returns>
    private int StoreHistory(HistoryRows history, DateTime? horizon)
    {
        using (var appender = _writer.CreateAppender("temp", "main", "history_stage")) history.AppendCandles(appender);
        using (var appender = _writer.CreateAppender("temp", "main", "history_ranges_stage")) history.AppendRanges(appender);
        // Before the first rollup nothing is final: every candle waits for it.
        var end = horizon ?? DateTime.MinValue;
        var candles = _writer.Execute(HistorySchema.StoreFinal, ("end", end)) + _writer.Execute(HistorySchema.StorePending, ("end", end));
        _writer.Execute(HistorySchema.StoreRanges);
        _writer.Execute(HistorySchema.ClearStage);
        return candles;
    }

    /// <summary>
    /// Rows the index finds new, once each, and the ones it cannot decide, which the anti-join checks against the table;
    /// and which of either come before the stored candles' <paramref name="horizon"/>, to be merged into them.
    /// </summary>
    private void Split(PriceRows batch, DateTime? horizon)
    {
        _fresh.Clear();
        _doubtful.Clear();
        _lateFresh.Clear();
        _lateDoubtful = false;
        var end = horizon ?? DateTime.MinValue;
        for (var row = 0; row < batch.Count; row++)
        {
            var time = batch.EventTime(row);
            var late = time < end;
            switch (_recent.Claim(batch.Symbol(row), batch.Source(row), time))
            {
                case KeyState.Unknown:
                    _doubtful.Add(row);
                    _lateDoubtful |= late;
                    break;
                case KeyState.New:
                    _fresh.Add(row);
                    if (late) _lateFresh.Add(row);
                    break;
            }
        }
    }

    private static void Append(DuckDBAppender appender, PriceRows batch, List<int> rows)
    {
        using (appender)
        {
            batch.AppendTo(appender, rows);
        }
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

    // FileInfo reads the file's state once, so a log that a checkpoint removes meanwhile is not an error.
    private static long FileBytes(string path) => new FileInfo(path) is { Exists: true } file ? file.Length : 0;

    public void Dispose() => _writer.Dispose();
}
