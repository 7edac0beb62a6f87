using Confluent.Kafka;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CryptoViz.ServiceDefaults.Kafka;

/// <summary>
/// Asks the broker for metadata through the service's own registered client. Aspire's check builds a
/// second producer (leaking a consumer's group.id into it), waits a fixed second and writes to a topic;
/// this one writes nothing and waits as long as configured.
/// </summary>
internal sealed class KafkaClientHealthCheck(Func<Handle> clientHandle, TimeSpan timeout) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.Run(() =>
        {
            try
            {
                using var admin = new DependentAdminClientBuilder(clientHandle()).Build();
                var metadata = admin.GetMetadata(timeout);
                return metadata.Brokers.Count > 0
                    ? HealthCheckResult.Healthy($"{metadata.Brokers.Count} broker(s), {metadata.Topics.Count} topic(s)")
                    : new HealthCheckResult(context.Registration.FailureStatus, "the cluster reported no brokers");
            }
            catch (KafkaException ex)
            {
                return new HealthCheckResult(context.Registration.FailureStatus, $"no broker metadata within {timeout.TotalSeconds:0.#} s: {ex.Error.Reason}");
            }
        }, cancellationToken);
}
