using Aspire.Hosting.ApplicationModel;

namespace CryptoViz.Hosting.Services;

/// <summary>
/// Where one replica of a project listens. With replicas, the project's endpoint is DCP's proxy, which spreads requests
/// over them: a probe through it reads whichever replica answers. Each replica is started with its own address in
/// <c>ASPNETCORE_URLS</c>, which its snapshot shows.
/// </summary>
internal static class ReplicaUrl
{
    public static Uri? Of(CustomResourceSnapshot snapshot) =>
        snapshot.EnvironmentVariables.FirstOrDefault(v => v.Name == "ASPNETCORE_URLS")?.Value is { } urls
        && urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .FirstOrDefault(u => u.StartsWith("http://", StringComparison.Ordinal)) is { } http
        && Uri.TryCreate(http, UriKind.Absolute, out var uri)
            ? uri
            : null;

    /// <summary>The replica's own address when its snapshot has one, else the project's endpoint.</summary>
    public static Uri For(CustomResourceSnapshot snapshot, ProjectResource project, string path) =>
        new(Of(snapshot) ?? new Uri(project.GetEndpoint("http").Url), path);
}
