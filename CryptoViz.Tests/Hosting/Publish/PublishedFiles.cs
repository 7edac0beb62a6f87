using CryptoViz.Hosting.Publishing.Compose;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace CryptoViz.Tests.Hosting.Publish;

internal static class PublishedFiles
{
    private static readonly IDeserializer s_compose = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .Build();

    // What `docker-compose config` prints has keys and shapes of its own (version, networks as a map): only the ports and
    // the environment are read.
    private static readonly IDeserializer s_resolvedCompose = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .IgnoreUnmatchedProperties()
        .Build();

    /// <summary>
    /// Each service's published ports in <c>docker-compose config</c> output as <c>host-ip:published:target</c>, by service;
    /// services without ports left out. A port with no host IP, which compose prints in long form, is on every interface.
    /// </summary>
    public static Dictionary<string, List<string>> ResolvedPorts(string configOutput) =>
        s_resolvedCompose.Deserialize<ResolvedCompose>(configOutput).Services
            .Where(s => s.Value.Ports is not null)
            .ToDictionary(s => s.Key, s => s.Value.Ports!.Select(PortOf).ToList());

    /// <summary>A service's environment as <c>docker-compose config</c> resolves it, the placeholders filled in.</summary>
    public static Dictionary<string, string> ResolvedEnvironment(string configOutput, string service) =>
        s_resolvedCompose.Deserialize<ResolvedCompose>(configOutput).Services[service].Environment
            ?.ToDictionary(v => v.Key, v => v.Value ?? "") ?? [];

    public static ComposeFile ReadCompose(string directory) =>
        s_compose.Deserialize<ComposeFile>(File.ReadAllText(System.IO.Path.Combine(directory, "docker-compose.yaml")));

    /// <summary>Every file below <paramref name="directory"/>, by path relative to it, with '/' separators.</summary>
    public static SortedDictionary<string, string> ReadAll(string directory) =>
        new(Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .ToDictionary(f => System.IO.Path.GetRelativePath(directory, f).Replace('\\', '/'), File.ReadAllText), StringComparer.Ordinal);

    private sealed class ResolvedCompose
    {
        public Dictionary<string, ResolvedService> Services { get; set; } = [];
    }

    private static string PortOf(object port) => port switch
    {
        string text => text.Replace("/tcp", "", StringComparison.Ordinal),
        Dictionary<object, object> map => $"{map.GetValueOrDefault("host_ip") ?? "0.0.0.0"}:{map["published"]}:{map["target"]}",
        _ => throw new InvalidOperationException($"Unexpected port entry {port}"),
    };

    private sealed class ResolvedService
    {
        public List<object>? Ports { get; set; }

        public Dictionary<string, string?>? Environment { get; set; }
    }
}
