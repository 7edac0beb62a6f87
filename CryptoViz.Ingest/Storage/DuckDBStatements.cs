using DuckDB.NET.Data;

namespace CryptoViz.Ingest.Storage;

/// <summary>Parameterised statements on a connection: every value reaches DuckDB as a parameter, never as SQL text.</summary>
internal static class DuckDBStatements
{
    public static DuckDBCommand Command(this DuckDBConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.Add(new DuckDBParameter(name, value));
        return command;
    }

    public static int Execute(this DuckDBConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = connection.Command(sql, parameters);
        return command.ExecuteNonQuery();
    }

    public static object? Scalar(this DuckDBConnection connection, string sql)
    {
        using var command = connection.Command(sql);
        return command.ExecuteScalar();
    }
}
