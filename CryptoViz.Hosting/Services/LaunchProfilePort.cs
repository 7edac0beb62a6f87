using System.Text.Json;

namespace CryptoViz.Hosting.Services;

/// <summary>
/// The http port of a project's launch profile. Aspire reads it in run mode only; the published outputs need it
/// too, as the port a public face keeps on the host (compose) and its Service (Kubernetes).
/// </summary>
internal static class LaunchProfilePort
{
    public static int? Http(string projectPath)
    {
        var path = Path.Combine(Path.GetDirectoryName(projectPath)!, "Properties", "launchSettings.json");
        if (!File.Exists(path)) return null;

        using var settings = JsonDocument.Parse(File.ReadAllText(path));
        // Aspire's choice: the first profile that runs the project itself.
        var profile = settings.RootElement.GetProperty("profiles").EnumerateObject()
            .Select(p => p.Value)
            .FirstOrDefault(p => p.TryGetProperty("commandName", out var command) && command.GetString() == "Project");
        if (profile.ValueKind != JsonValueKind.Object || !profile.TryGetProperty("applicationUrl", out var urls)) return null;

        return urls.GetString()?.Split(';')
            .Select(url => new Uri(url))
            .FirstOrDefault(uri => uri.Scheme == Uri.UriSchemeHttp)?.Port;
    }
}
