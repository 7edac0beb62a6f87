namespace Aspire.Hosting.ApplicationModel;

/// <summary>Redpanda in a container, shaped like Aspire's <c>KafkaServerResource</c>: connection string <c>host:port</c>.</summary>
/// <param name="clientEndpointName">
/// The listener clients use: the host-facing one in run mode (the services run on the host), the internal one
/// once published (the services run beside the broker).
/// </param>
public sealed class RedpandaResource(string name, string clientEndpointName) : ContainerResource(name), IResourceWithConnectionString
{
    internal const string KafkaEndpointName = "tcp";
    internal const string InternalEndpointName = "internal";
    internal const string AdminEndpointName = "admin";

    public EndpointReference PrimaryEndpoint => new(this, clientEndpointName);

    public EndpointReference InternalEndpoint => new(this, InternalEndpointName);

    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"{PrimaryEndpoint.Property(EndpointProperty.HostAndPort)}");
}
