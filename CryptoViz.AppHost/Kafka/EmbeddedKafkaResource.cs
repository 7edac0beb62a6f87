using Aspire.Hosting.ApplicationModel;

namespace CryptoViz.AppHost.Kafka;

/// <summary>
/// The embedded broker as an Aspire resource. Its address is only known once the mock cluster has picked
/// its port, so the connection string is a value that dependents await when they start.
/// </summary>
public sealed class EmbeddedKafkaResource(string name, IReadOnlyList<KafkaTopic> topics) : Resource(name), IResourceWithConnectionString
{
    internal TaskCompletionSource<string> Bootstrap { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal EmbeddedKafkaBroker? Broker { get; set; }

    public IReadOnlyList<KafkaTopic> Topics { get; } = topics;

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create($"{new BootstrapServersValue(this)}");

    private sealed class BootstrapServersValue(EmbeddedKafkaResource resource) : IValueProvider, IManifestExpressionProvider
    {
        public string ValueExpression => $"{{{resource.Name}.connectionString}}";

        public async ValueTask<string?> GetValueAsync(CancellationToken cancellationToken = default) =>
            await resource.Bootstrap.Task.WaitAsync(cancellationToken);
    }
}
