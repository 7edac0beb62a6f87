using Confluent.Kafka;
using Microsoft.Extensions.Configuration;

namespace Aspire.Confluent.Kafka;

/// <summary>What the two settings classes share, so that one binding serves both (the package repeats it per class).</summary>
internal interface IKafkaClientSettings<out TConfig> where TConfig : ClientConfig
{
    string? ConnectionString { get; set; }

    TConfig Config { get; }

    bool DisableHealthChecks { get; }

    bool DisableTracing { get; }

    bool DisableMetrics { get; }
}

internal static class KafkaClientSettingsBinding
{
    /// <summary>The package's binding order: the section, its named child, the connection string, then code.</summary>
    public static TSettings Bind<TSettings>(IConfiguration configuration, string sectionName, string connectionName,
        Action<TSettings>? configureSettings) where TSettings : IKafkaClientSettings<ClientConfig>, new()
    {
        var settings = new TSettings();
        var section = configuration.GetSection(sectionName);
        BindSection(section, settings);
        BindSection(section.GetSection(connectionName), settings);
        if (configuration.GetConnectionString(connectionName) is { Length: > 0 } connectionString)
        {
            settings.ConnectionString = connectionString;
        }

        configureSettings?.Invoke(settings);
        settings.Config.BootstrapServers = !string.IsNullOrWhiteSpace(settings.ConnectionString)
            ? settings.ConnectionString
            : throw new InvalidOperationException(
                $"A Kafka connection string is required: set ConnectionStrings:{connectionName} or {sectionName}:ConnectionString.");
        if (!settings.DisableMetrics) settings.Config.StatisticsIntervalMs ??= 1000;
        return settings;
    }

    private static void BindSection(IConfigurationSection section, IKafkaClientSettings<ClientConfig> settings)
    {
        section.Bind(settings);
        foreach (var entry in section.GetSection(nameof(settings.Config)).GetChildren())
        {
            // librdkafka's own dotted names ("fetch.wait.max.ms") pass through as they are.
            if (entry.Key.Contains('.') && entry.Value is not null) settings.Config.Set(entry.Key, entry.Value);
        }
    }
}
