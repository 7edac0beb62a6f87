using System.Reflection;
using Aspire.Confluent.Kafka;

namespace CryptoViz.Tests.ServiceDefaults;

/// <summary>
/// ServiceDefaults/Kafka stands in for <c>Aspire.Confluent.Kafka</c> until the package is served: its public surface may
/// hold only what the package's public API holds (dotnet/aspire, src/Components/Aspire.Confluent.Kafka/api), so that
/// deleting the folder and referencing the package compiles. Anything more belongs in KafkaDiagnostics.
/// </summary>
public sealed class KafkaPackageSurfaceTests
{
    // The package's public API, member for member (keyed overloads omitted: CryptoViz registers one client of each kind).
    private static readonly string[] s_packageApi =
    [
        "KafkaConsumerSettings.Config: ConsumerConfig { get; }",
        "KafkaConsumerSettings.ConnectionString: String { get; set; }",
        "KafkaConsumerSettings.DisableHealthChecks: Boolean { get; set; }",
        "KafkaConsumerSettings.DisableMetrics: Boolean { get; set; }",
        "KafkaConsumerSettings.DisableTracing: Boolean { get; set; }",
        "KafkaProducerSettings.Config: ProducerConfig { get; }",
        "KafkaProducerSettings.ConnectionString: String { get; set; }",
        "KafkaProducerSettings.DisableHealthChecks: Boolean { get; set; }",
        "KafkaProducerSettings.DisableMetrics: Boolean { get; set; }",
        "KafkaProducerSettings.DisableTracing: Boolean { get; set; }",
        .. Overloads("AspireKafkaConsumerExtensions.AddKafkaConsumer", "KafkaConsumerSettings", "ConsumerBuilder"),
        .. Overloads("AspireKafkaProducerExtensions.AddKafkaProducer", "KafkaProducerSettings", "ProducerBuilder"),
    ];

    [Fact]
    public void The_Kafka_client_surface_is_the_packages_public_api_and_nothing_more()
    {
        var assembly = typeof(KafkaProducerSettings).Assembly;
        var surface = assembly.GetExportedTypes()
            .Where(t => t.Namespace == "Aspire.Confluent.Kafka" || t.Name.StartsWith("AspireKafka", StringComparison.Ordinal))
            .ToList();

        var members = surface.SelectMany(Describe).ToList();

        Assert.Equal(["AspireKafkaConsumerExtensions", "AspireKafkaProducerExtensions", "KafkaConsumerSettings", "KafkaProducerSettings"],
            surface.Select(t => t.Name).Order(StringComparer.Ordinal));
        Assert.Empty(members.Except(s_packageApi));
        // What CryptoViz calls: the settings-only and the settings-and-builder overloads.
        Assert.Equal(4, members.Count(m => m.Contains(".AddKafka", StringComparison.Ordinal)));
    }

    private static IEnumerable<string> Overloads(string method, string settings, string builder) =>
    [
        $"{method}(IHostApplicationBuilder, String)",
        $"{method}(IHostApplicationBuilder, String, Action<{settings}>)",
        $"{method}(IHostApplicationBuilder, String, Action<{builder}<TKey, TValue>>)",
        $"{method}(IHostApplicationBuilder, String, Action<IServiceProvider, {builder}<TKey, TValue>>)",
        $"{method}(IHostApplicationBuilder, String, Action<{settings}>, Action<{builder}<TKey, TValue>>)",
        $"{method}(IHostApplicationBuilder, String, Action<{settings}>, Action<IServiceProvider, {builder}<TKey, TValue>>)",
    ];

    private static IEnumerable<string> Describe(Type type)
    {
        const BindingFlags declared = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        foreach (var property in type.GetProperties(declared))
        {
            var accessors = property.SetMethod is { IsPublic: true } ? "{ get; set; }" : "{ get; }";
            yield return $"{type.Name}.{property.Name}: {Name(property.PropertyType)} {accessors}";
        }

        foreach (var method in type.GetMethods(declared).Where(m => !m.IsSpecialName))
        {
            yield return $"{type.Name}.{method.Name}({string.Join(", ", method.GetParameters().Select(p => Name(p.ParameterType)))})";
        }
    }

    private static string Name(Type type) => type.IsGenericType
        ? $"{type.Name[..type.Name.IndexOf('`')]}<{string.Join(", ", type.GetGenericArguments().Select(Name))}>"
        : type.Name;
}
