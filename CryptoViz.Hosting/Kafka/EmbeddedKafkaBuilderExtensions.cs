using Aspire.Hosting.ApplicationModel;
using CryptoViz.Hosting.Kafka;
using CryptoViz.ServiceDefaults.KafkaDiagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Aspire.Hosting;

public static class EmbeddedKafkaBuilderExtensions
{
    public const string OutageSecondsKey = "Kafka:Embedded:OutageSeconds";
    private const int DefaultOutageSeconds = 30;

    /// <summary>
    /// Client settings the mock cluster needs and a real broker does not: it holds an empty fetch for the full
    /// fetch.wait.max.ms (500 ms by default) and keeps a departed member's session for session.timeout.ms - 1 s.
    /// </summary>
    private static readonly Dictionary<string, string> s_clientTuning = new()
    {
        ["Aspire__Confluent__Kafka__Consumer__Config__FetchWaitMaxMs"] = "10",
        ["Aspire__Confluent__Kafka__Consumer__Config__SessionTimeoutMs"] = "6000",
        ["Aspire__Confluent__Kafka__Consumer__Config__HeartbeatIntervalMs"] = "1000",
    };

    /// <summary>
    /// librdkafka's mock cluster inside the AppHost process, started when Aspire initialises the resource with the
    /// topics of <c>WithTopics</c>; development only (in memory, gone when the AppHost stops).
    /// </summary>
    public static IResourceBuilder<EmbeddedKafkaResource> AddEmbeddedKafka(this IDistributedApplicationBuilder builder, [ResourceName] string name)
    {
        var resource = new EmbeddedKafkaResource(name);
        var healthKey = $"{name}_check";
        builder.Services.AddHealthChecks().AddCheck(healthKey, new EmbeddedKafkaHealthCheck(resource));

        builder.Eventing.Subscribe<InitializeResourceEvent>(resource, async (e, ct) =>
        {
            await e.Notifications.PublishUpdateAsync(resource, s => s with { State = KnownResourceStates.Starting });
            var topics = resource.Topics;
            var broker = EmbeddedKafkaBroker.Start(topics, e.Logger);
            resource.Broker = broker;
            e.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopped.Register(broker.Dispose);
            EmbeddedKafkaLog.Started(e.Logger, broker.BootstrapServers, string.Join(", ", topics.Select(t => $"{t.Name} ({t.Partitions})")));
            resource.Bootstrap.SetResult(broker.BootstrapServers);
            await e.Notifications.PublishUpdateAsync(resource, s => s with
            {
                State = KnownResourceStates.Running,
                StartTimeStamp = TimeProvider.System.GetUtcNow().UtcDateTime,
                Properties = [.. s.Properties, new("kafka.bootstrap", broker.BootstrapServers), new("kafka.mode", "embedded")],
            });
        });

        builder.Eventing.Subscribe<BeforeStartEvent>((e, _) =>
        {
            foreach (var dependent in e.Model.Resources.OfType<IResourceWithEnvironment>().Where(r => r.References(resource)))
            {
                dependent.Annotations.Add(new EnvironmentCallbackAnnotation(env =>
                {
                    foreach (var (key, value) in s_clientTuning) env.TryAdd(key, value);
                }));
            }

            return Task.CompletedTask;
        });

        return builder.AddResource(resource)
            .WithInitialState(new CustomResourceSnapshot
            {
                ResourceType = "Kafka (embedded)",
                State = KnownResourceStates.NotStarted,
                Properties = [],
            })
            .WithHealthCheck(healthKey)
            .WithBrokerKind(KafkaBroker.Embedded)
            .WithSimulatedOutage(builder.Configuration.GetValue(OutageSecondsKey, DefaultOutageSeconds));
    }

    /// <summary>
    /// The <c>simulate-outage</c> command (also <c>aspire resource kafka simulate-outage</c>): the broker goes down at
    /// once, closing every client's connection, and comes back after <paramref name="seconds"/>. The command answers when
    /// the broker is down; one outage at a time.
    /// </summary>
    private const string OutageState = "Outage";

    private static IResourceBuilder<EmbeddedKafkaResource> WithSimulatedOutage(this IResourceBuilder<EmbeddedKafkaResource> kafka, int seconds)
    {
        var outage = TimeSpan.FromSeconds(seconds);
        var down = 0;
        return kafka.WithCommand("simulate-outage", "Simulate outage", async context =>
        {
            if (kafka.Resource.Broker is not { } broker) return CommandResults.Failure("The broker has not started.");
            if (Interlocked.Exchange(ref down, 1) == 1) return CommandResults.Failure("An outage is already under way.");
            var logger = context.Services.GetRequiredService<ResourceLoggerService>().GetLogger(kafka.Resource);
            var notifications = context.Services.GetRequiredService<ResourceNotificationService>();
            broker.SetDown(true);
            EmbeddedKafkaLog.OutageStarted(logger, outage);
            // A state of its own for the outage: a changed state makes Aspire check the resource's health at once,
            // rather than at its next 30 s turn, so the dashboard shows the broker Unhealthy while it is down.
            await notifications.PublishUpdateAsync(kafka.Resource, s => s with { State = new(OutageState, KnownResourceStateStyles.Warn) });
            _ = BringBackAsync();
            return CommandResults.Success();

            async Task BringBackAsync()
            {
                await Task.Delay(outage);
                broker.SetDown(false);
                Volatile.Write(ref down, 0);
                EmbeddedKafkaLog.OutageEnded(logger);
                await notifications.PublishUpdateAsync(kafka.Resource, s => s with { State = KnownResourceStates.Running });
            }
        }, new CommandOptions
        {
            Description = $"Take the broker down for {seconds} s ({OutageSecondsKey}) and bring it back",
            IconName = "PlugDisconnected",
            UpdateState = _ => kafka.Resource.Broker is null ? ResourceCommandState.Disabled : ResourceCommandState.Enabled,
        });
    }
}
