using Confluent.Kafka;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CryptoViz.Hosting.Kafka;

/// <summary>Healthy when the broker answers a metadata request with every declared topic; writes nothing.</summary>
internal sealed class EmbeddedKafkaHealthCheck(EmbeddedKafkaResource resource) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (resource.Broker is not { } broker) return Task.FromResult(HealthCheckResult.Unhealthy("not started"));
        return Task.Run(() =>
        {
            try
            {
                var metadata = broker.GetMetadata(TimeSpan.FromSeconds(2));
                var missing = resource.Topics.Select(t => t.Name).Except(metadata.Topics.Select(t => t.Topic)).ToList();
                return missing.Count == 0
                    ? HealthCheckResult.Healthy($"{broker.BootstrapServers}, {metadata.Topics.Count} topics")
                    : HealthCheckResult.Unhealthy($"topics missing: {string.Join(", ", missing)}");
            }
            catch (KafkaException ex)
            {
                return HealthCheckResult.Unhealthy(ex.Error.Reason);
            }
        }, cancellationToken);
    }
}
