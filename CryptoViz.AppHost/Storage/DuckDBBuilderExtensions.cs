using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;

namespace CryptoViz.AppHost.Storage;

public static class DuckDBBuilderExtensions
{
    public const string DataDirectoryKey = "DuckDB:DataDirectory";

    /// <summary>
    /// The file's directory in the published container, where its volume is mounted: the home of the .NET images'
    /// non-root <c>app</c> user, so a new named volume takes that user's ownership and the file is writable.
    /// </summary>
    public const string PublishedDataDirectory = "/home/app";

    /// <summary>
    /// A DuckDB file outside the source tree (default <c>~/.local/share/cryptoviz</c>, or <c>DuckDB:DataDirectory</c>),
    /// so that history survives restarts and rebuilds and never lands in git.
    /// </summary>
    public static IResourceBuilder<DuckDBResource> AddDuckDB(this IDistributedApplicationBuilder builder, string name,
        string fileName = "crypto_analytics.duckdb")
    {
        if (builder.ExecutionContext.IsPublishMode)
        {
            return builder.AddResource(new DuckDBResource(name, $"{PublishedDataDirectory}/{fileName}"));
        }

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
