using System.Data.Common;

namespace CryptoViz.Ingest.Storage;

internal static class DuckDBReads
{
    /// <summary>DuckDB.NET reads TIMESTAMP back as Kind=Unspecified; every time we store is UTC.</summary>
    public static DateTime GetUtc(this DbDataReader reader, int ordinal) =>
        DateTime.SpecifyKind(reader.GetDateTime(ordinal), DateTimeKind.Utc);

    public static double? GetNullableDouble(this DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetDouble(ordinal);
}
