using DuckDB.NET.Data;

namespace CryptoViz.Ingest.Storage;

/// <summary>
/// Replicas of Ingest on one machine are given one path. DuckDB lets one process hold a file, so the first replica takes
/// it and each next one the first free slot beside it (<c>crypto_analytics.2.duckdb</c>, <c>.3</c>, ...): every replica
/// keeps a hot store of its own, and a restarted one takes a free slot back, usually its own.
/// </summary>
internal static class DatabaseSlot
{
    public const int MaxSlots = 16;

    /// <returns>The writer connection, open, and the connection string of the slot it holds.</returns>
    public static (DuckDBConnection Writer, string ConnectionString) OpenFirstFree(DuckDBConnectionStringBuilder builder, ILogger logger)
    {
        var path = Path.GetFullPath(builder.DataSource);
        for (var slot = 1; ; slot++)
        {
            builder.DataSource = SlotPath(path, slot);
            var writer = new DuckDBConnection(builder.ConnectionString);
            try
            {
                writer.Open();
                return (writer, builder.ConnectionString);
            }
            catch (DuckDBException ex) when (IsHeldByAnotherProcess(ex) && slot < MaxSlots)
            {
                writer.Dispose();
                IngestLog.DatabaseSlotTaken(logger, builder.DataSource);
            }
        }
    }

    internal static string SlotPath(string path, int slot) => slot == 1
        ? path
        : Path.Combine(Path.GetDirectoryName(path)!, $"{Path.GetFileNameWithoutExtension(path)}.{slot}{Path.GetExtension(path)}");

    private static bool IsHeldByAnotherProcess(DuckDBException ex) =>
        ex.Message.Contains("Could not set lock on file", StringComparison.Ordinal);
}
