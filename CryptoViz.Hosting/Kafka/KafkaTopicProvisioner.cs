using Aspire.Hosting.ApplicationModel;
using Confluent.Kafka;
using Confluent.Kafka.Admin;
using Microsoft.Extensions.DependencyInjection;

namespace CryptoViz.Hosting.Kafka;

/// <summary>
/// Creates the declared topics on a real broker (container or external) once it is ready and before any
/// dependent starts: Aspire's own Kafka tests flaked on "Unknown topic or partition" without this.
/// The embedded broker creates them itself: its admin API does not implement CreateTopics.
/// </summary>
internal static class KafkaTopicProvisioner
{
    public static IResourceBuilder<T> WithTopicsProvisioned<T>(this IResourceBuilder<T> builder)
        where T : IResourceWithConnectionString
    {
        builder.ApplicationBuilder.Eventing.Subscribe<ResourceReadyEvent>(builder.Resource, async (e, ct) =>
        {
            var bootstrap = await builder.Resource.ConnectionStringExpression.GetValueAsync(ct)
                ?? throw new InvalidOperationException($"{builder.Resource.Name} has no connection string");
            var logger = e.Services.GetRequiredService<ResourceLoggerService>().GetLogger(builder.Resource);
            using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrap })
                .SetLogHandler((_, m) => EmbeddedKafkaLog.Librdkafka(logger, m.Facility, m.Message))
                .Build();
            foreach (var topic in builder.Resource.DeclaredTopics())
            {
                try
                {
                    await admin.CreateTopicsAsync([new TopicSpecification { Name = topic.Name, NumPartitions = topic.Partitions, ReplicationFactor = 1 }]);
                    EmbeddedKafkaLog.TopicCreated(logger, topic.Name, topic.Partitions);
                }
                catch (CreateTopicsException ex) when (ex.Results.All(r => r.Error.Code == ErrorCode.TopicAlreadyExists))
                {
                    EmbeddedKafkaLog.TopicExists(logger, topic.Name);
                }
            }
        });
        return builder;
    }
}
