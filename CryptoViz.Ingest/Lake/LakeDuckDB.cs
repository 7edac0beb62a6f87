using CryptoViz.Ingest.Storage;
using DuckDB.NET.Data;

namespace CryptoViz.Ingest.Lake;

/// <summary>
/// An in-memory DuckDB that writes the lake's Parquet files, apart from the store's file and its one writer connection
/// (docs/duckdb.md#one-process-one-writer). One thread: a file's bytes then depend on its rows alone, and the lake takes
/// no core from the hot store's writer. Its <c>crypto_prices</c> is the store's table (<see cref="PriceSchema.Create"/>),
/// where a segment's ticks are staged; a segment's history candles go to <see cref="LakeSql.HistoryStage"/>.
/// </summary>
internal sealed class LakeDuckDB : IDisposable
{
    public LakeDuckDB()
    {
        Connection = new DuckDBConnection("DataSource=:memory:;threads=1;memory_limit=256MB");
        Connection.Open();
        Connection.Execute(PriceSchema.Create);
        Connection.Execute(LakeSql.CreateHistoryStage);
    }

    public DuckDBConnection Connection { get; }

    public void Dispose() => Connection.Dispose();
}
