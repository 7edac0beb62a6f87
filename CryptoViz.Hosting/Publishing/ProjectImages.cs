using System.Reflection;

namespace CryptoViz.Hosting.Publishing;

/// <summary>
/// Image names of the projects as <c>dotnet publish /t:PublishContainer</c> builds them: the repository is
/// <c>cryptoviz/&lt;resource&gt;</c> and the tag is the build's <c>CryptoVizImageTag</c> (Directory.Build.targets
/// gives the projects the same two), carried into this assembly so that the outputs cannot drift from the images.
/// </summary>
public static class ProjectImages
{
    public const string RepositoryPrefix = "cryptoviz/";

    /// <summary>The .NET images' non-root <c>app</c> user's group: a mounted volume must be writable by it.</summary>
    public const long AppUserGroupId = 1654;

    public static string Tag { get; } =
        typeof(ProjectImages).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "CryptoVizImageTag")?.Value
        ?? throw new InvalidOperationException("The AppHost was built without CryptoVizImageTag");

    public static string For(string resourceName) => $"{RepositoryPrefix}{resourceName}:{Tag}";
}
