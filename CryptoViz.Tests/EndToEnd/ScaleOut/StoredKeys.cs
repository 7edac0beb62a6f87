using DuckDB.NET.Data;

namespace CryptoViz.Tests.EndToEnd.ScaleOut;

/// <summary>The keys the Ingest replicas stored: in each hot store (a DuckDB slot file), and in the shared lake.</summary>
public static class StoredKeys
{
    /// <returns>Each slot file's keys, every row's; null while a replica still holds its file.</returns>
    public static List<List<StoredKey>>? InHotStores(string dataDirectory)
    {
        var stores = new List<List<StoredKey>>();
        foreach (var file in Directory.EnumerateFiles(dataDirectory, "*.duckdb").Order(StringComparer.Ordinal))
        {
            try
            {
                stores.Add(Read($"DataSource={file};ACCESS_MODE=READ_ONLY", "SELECT symbol, source, event_time FROM crypto_prices"));
            }
            catch (DuckDBException ex) when (ex.Message.Contains("Could not set lock", StringComparison.Ordinal))
            {
                return null;
            }
        }

        return stores;
    }

    /// <summary>Every tick row of the lake, as DuckDB reads it (docs/lake.md#reading-the-lake).</summary>
    public static List<StoredKey> InLake(string lake) =>
        Directory.Exists(Path.Combine(lake, "ticks")) && Directory.EnumerateFiles(Path.Combine(lake, "ticks"), "*.parquet", SearchOption.AllDirectories).Any()
            ? Read("DataSource=:memory:", $"SELECT symbol, source, event_time FROM read_parquet('{Path.Combine(lake, "ticks")}/**/*.parquet', hive_partitioning = true)")
            : [];

    private static List<StoredKey> Read(string connectionString, string sql)
    {
        using var connection = new DuckDBConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var keys = new List<StoredKey>();
        while (reader.Read()) keys.Add(StoredKey.Of(reader.GetString(0), reader.GetString(1), reader.GetDateTime(2)));
        return keys;
    }
}
