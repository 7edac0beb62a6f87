using CryptoViz.Tests.Support;

namespace CryptoViz.Tests.Integration;

/// <summary>The DuckDB settings Ingest opens its database with.</summary>
public sealed class PriceStoreSettingsTests
{
    [Fact]
    public void DuckDB_leaves_two_cores_to_the_consumer_by_default()
    {
        using var temp = new TempPriceStore("threads-default");

        Assert.Equal(Math.Max(1, Environment.ProcessorCount - 2), Threads(temp));
    }

    [Fact]
    public void A_threads_setting_in_the_connection_string_wins()
    {
        using var temp = new TempPriceStore("threads-set", ";threads=3");

        Assert.Equal(3, Threads(temp));
    }

    private static long Threads(TempPriceStore temp)
    {
        // A reader's connection: the setting belongs to the database instance the writer opened.
        using var connection = temp.Store.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT current_setting('threads')";
        return Convert.ToInt64(command.ExecuteScalar());
    }
}
