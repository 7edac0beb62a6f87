using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace CryptoViz.Hosting.Publishing.Compose;

internal static class ComposeYaml
{
    // Keys of dictionaries (service names, variable names) are written as they are; only property names become snake_case.
    private static readonly ISerializer s_serializer = new SerializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .ConfigureDefaultValuesHandling(DefaultValuesHandling.OmitNull)
        .WithQuotingNecessaryStrings()
        .DisableAliases()
        .Build();

    public static string Serialize(ComposeFile file) => s_serializer.Serialize(file);
}
