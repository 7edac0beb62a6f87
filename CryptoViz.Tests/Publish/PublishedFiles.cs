using CryptoViz.AppHost.Publishing.Compose;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace CryptoViz.Tests.Publish;

internal static class PublishedFiles
{
    private static readonly IDeserializer s_compose = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .Build();

    public static ComposeFile ReadCompose(string directory) =>
        s_compose.Deserialize<ComposeFile>(File.ReadAllText(System.IO.Path.Combine(directory, "docker-compose.yaml")));

    /// <summary>Every file below <paramref name="directory"/>, by path relative to it, with '/' separators.</summary>
    public static SortedDictionary<string, string> ReadAll(string directory) =>
        new(Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .ToDictionary(f => System.IO.Path.GetRelativePath(directory, f).Replace('\\', '/'), File.ReadAllText), StringComparer.Ordinal);
}
