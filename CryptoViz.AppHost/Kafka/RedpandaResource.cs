using Aspire.Hosting.ApplicationModel;

namespace CryptoViz.AppHost.Kafka;

/// <summary>Redpanda in a container, shaped like Aspire's <c>KafkaServerResource</c>: connection string <c>host:port</c>.</summary>
public sealed class RedpandaResource(string name) : ContainerResource(name), IResourceWithConnectionString
{
    internal const string KafkaEndpointName = "tcp";
    internal const string InternalEndpointName = "internal";
    internal const string AdminEndpointName = "admin";

    public EndpointReference PrimaryEndpoint => new(this, KafkaEndpointName);

    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"{PrimaryEndpoint.Property(EndpointProperty.HostAndPort)}");
}
