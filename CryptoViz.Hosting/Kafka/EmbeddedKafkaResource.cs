using CryptoViz.Hosting.Kafka;

namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// The embedded broker as an Aspire resource. Its address is only known once the mock cluster has picked
/// its port, so the connection string is a value that dependents await when they start.
/// </summary>
public sealed class EmbeddedKafkaResource(string name) : Resource(name), IResourceWithConnectionString
{
    internal TaskCompletionSource<string> Bootstrap { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal EmbeddedKafkaBroker? Broker { get; set; }

    /// <summary>The topics declared with <c>WithTopics</c>; the broker creates them when it starts.</summary>
    public IReadOnlyList<KafkaTopic> Topics => this.DeclaredTopics();

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create($"{new BootstrapServersValue(this)}");

    private sealed class BootstrapServersValue(EmbeddedKafkaResource resource) : IValueProvider, IManifestExpressionProvider
    {
        public string ValueExpression => $"{{{resource.Name}.connectionString}}";

        public async ValueTask<string?> GetValueAsync(CancellationToken cancellationToken = default) =>
            await resource.Bootstrap.Task.WaitAsync(cancellationToken);
    }
}
