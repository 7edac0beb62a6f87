using CryptoViz.Ingest;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CryptoViz.Tests.Ingest.Lake;

/// <summary>The lake's settings, checked when Ingest starts.</summary>
public sealed class LakeOptionsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("cryptoviz-lake-options-").FullName;

    [Fact]
    public void Ingest_does_not_start_when_its_lake_directory_cannot_be_written_and_says_which()
    {
        // Arrange: the lake's path runs through a file.
        var file = Path.Combine(_directory, "a-file");
        File.WriteAllText(file, "not a directory");
        using var ingest = new WebApplicationFactory<IngestOptions>().WithWebHostBuilder(web =>
        {
            web.UseSetting("ConnectionStrings:kafka", "127.0.0.1:9");
            web.UseSetting("ConnectionStrings:duckdb", $"DataSource={Path.Combine(_directory, "store.duckdb")}");
            web.UseSetting("Ingest:Lake:Path", Path.Combine(file, "lake"));
        });

        // Act
        var failure = Assert.ThrowsAny<Exception>(() => ingest.Server);

        // Assert
        Assert.Contains($"Ingest:Lake:Path: the lake's directory {Path.Combine(file, "lake")} cannot be written", failure.ToString(), StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
