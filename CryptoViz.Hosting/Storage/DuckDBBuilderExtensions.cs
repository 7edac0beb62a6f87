using Aspire.Hosting.ApplicationModel;
using CryptoViz.Hosting.Publishing;
using Microsoft.Extensions.Configuration;

namespace Aspire.Hosting;

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
    public static IResourceBuilder<DuckDBResource> AddDuckDB(this IDistributedApplicationBuilder builder, [ResourceName] string name,
        string fileName = "crypto_analytics.duckdb")
    {
        if (builder.ExecutionContext.IsPublishMode)
        {
            // The file lives in the container of the service that references it: its directory is that service's volume.
            return builder.AddResource(new DuckDBResource(name, $"{PublishedDataDirectory}/{fileName}"))
                .WithAnnotation(new ContainerMountAnnotation(name, PublishedDataDirectory, ContainerMountType.Volume, isReadOnly: false))
                .WithAnnotation(new VolumeGroupAnnotation(ProjectImages.AppUserGroupId));
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
