using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;

namespace CryptoViz.AppHost.Storage;

public static class DuckDBBuilderExtensions
{
    public const string DataDirectoryKey = "DuckDB:DataDirectory";

    /// <summary>
    /// A DuckDB file outside the source tree (default <c>~/.local/share/cryptoviz</c>, or <c>DuckDB:DataDirectory</c>),
    /// so that history survives restarts and rebuilds and never lands in git.
    /// </summary>
    public static IResourceBuilder<DuckDBResource> AddDuckDB(this IDistributedApplicationBuilder builder, string name,
        string fileName = "crypto_analytics.duckdb")
    {
        var directory = builder.Configuration[DataDirectoryKey] is { Length: > 0 } configured
            ? Path.GetFullPath(configured, builder.AppHostDirectory)
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "cryptoviz");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, fileName);

        return builder.AddResource(new DuckDBResource(name, path))
            .WithInitialState(new CustomResourceSnapshot
            {
                ResourceType = "DuckDB",
                State = KnownResourceStates.Running,
                Properties = [new("duckdb.path", path)],
            });
    }
}
