using CryptoViz.Ingest.Storage;
using CryptoViz.Tests.Support;
using DuckDB.NET.Data;

namespace CryptoViz.Tests.Ingest;

/// <summary>The DuckDB settings Ingest opens its database with.</summary>
public sealed class PriceStoreSettingsTests
{
    [Fact]
    public void DuckDB_leaves_two_cores_to_the_consumer_by_default()
    {
        using var temp = new TempPriceStore("threads-default");

        Assert.Equal(Math.Max(1, Environment.ProcessorCount - 2), Convert.ToInt64(Setting(temp, "threads")));
    }

    [Fact]
    public void A_threads_setting_in_the_connection_string_wins()
    {
        using var temp = new TempPriceStore("threads-set", ";threads=3");

        Assert.Equal(3, Convert.ToInt64(Setting(temp, "threads")));
    }

    [Fact]
    public void DuckDB_memory_is_capped_by_default_instead_of_taking_most_of_the_machine()
    {
        using var temp = new TempPriceStore("memory-default");

        // DuckDB prints the limit in its own units (256MB reads back as "244.1 MiB"): compare with what it prints for the same value.
        Assert.Equal(MemoryLimitAsDuckDBPrints(PriceStore.DefaultMemoryLimit), Setting(temp, "memory_limit"));
        Assert.NotEqual(MemoryLimitAsDuckDBPrints(null), Setting(temp, "memory_limit"));
    }

    [Fact]
    public void A_memory_limit_in_the_connection_string_wins()
    {
        using var temp = new TempPriceStore("memory-set", ";memory_limit=1GB");

        Assert.Equal(MemoryLimitAsDuckDBPrints("1GB"), Setting(temp, "memory_limit"));
    }

    private static string Setting(TempPriceStore temp, string name)
    {
        // A reader's connection: the setting belongs to the database instance the writer opened.
        using var connection = temp.Store.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT current_setting('{name}')::VARCHAR";
        return (string)command.ExecuteScalar()!;
    }

    /// <param name="limit">A <c>memory_limit</c> value, or null for DuckDB's default.</param>
    private static string MemoryLimitAsDuckDBPrints(string? limit)
    {
        using var connection = new DuckDBConnection(limit is null ? "DataSource=:memory:" : $"DataSource=:memory:;memory_limit={limit}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT current_setting('memory_limit')";
        return (string)command.ExecuteScalar()!;
    }
}
