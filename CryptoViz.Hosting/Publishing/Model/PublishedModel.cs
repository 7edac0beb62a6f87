using Aspire.Hosting.ApplicationModel;

namespace CryptoViz.Hosting.Publishing.Model;

/// <summary>The app model's compute resources in publish form, in the model's order.</summary>
public sealed record PublishedModel(IReadOnlyList<PublishedService> Services)
{
    public PublishedService Service(string name) =>
        Services.FirstOrDefault(s => s.Name == name)
        ?? throw new InvalidOperationException($"No published service is named '{name}'");

    /// <summary>Renders an endpoint reference given how the target names a service's host and which port it shows others.</summary>
    public string RenderEndpoint(EndpointPart part, Func<PublishedService, string> host, Func<PublishedEndpoint, int> port)
    {
        var service = Service(part.Resource);
        var endpoint = service.Endpoint(part.Endpoint);
        return part.Property switch
        {
            EndpointProperty.Url => $"{endpoint.Scheme}://{host(service)}:{port(endpoint)}",
            EndpointProperty.Host or EndpointProperty.IPV4Host => host(service),
            EndpointProperty.Port => $"{port(endpoint)}",
            EndpointProperty.TargetPort => $"{endpoint.TargetPort}",
            EndpointProperty.HostAndPort => $"{host(service)}:{port(endpoint)}",
            EndpointProperty.Scheme => endpoint.Scheme,
            _ => throw new NotSupportedException($"Endpoint property {part.Property} of {part.Resource}/{part.Endpoint} cannot be published"),
        };
    }
}
