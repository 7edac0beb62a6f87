using System.Net.NetworkInformation;
using System.Net.Sockets;
using Aspire.Hosting.ApplicationModel;
using CryptoViz.Hosting.Publishing;
using CryptoViz.Hosting.Services;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Aspire.Hosting;

public static class PublicEndpointExtensions
{
    public const string LanSwitch = "--lan";
    public const string LanKey = "Lan";

    /// <summary>LAN access is opt-in (the seed bound every port on all interfaces); loopback otherwise.</summary>
    public static bool IsLanEnabled(this IDistributedApplicationBuilder builder, string[] args) =>
        args.Contains(LanSwitch) || builder.Configuration.GetValue<bool>(LanKey);

    /// <summary>Arguments for Aspire without our own switch, which its command-line configuration cannot parse.</summary>
    public static string[] WithoutLanSwitch(string[] args) => [.. args.Where(a => a != LanSwitch)];

    /// <summary>
    /// The port comes from the project's launch profile (the seed's where it had one) unless
    /// <c>Ports:&lt;resource&gt;</c> overrides it in the AppHost's configuration; in publish mode it is the port
    /// other services and the host see, while the process listens on the container's port.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithConfiguredPort(this IResourceBuilder<ProjectResource> project)
    {
        var port = project.ApplicationBuilder.Configuration.GetValue<int?>($"Ports:{project.Resource.Name}")
            ?? (project.ApplicationBuilder.ExecutionContext.IsPublishMode
                ? LaunchProfilePort.Http(project.Resource.GetProjectMetadata().ProjectPath)
                : null);
        if (port is { } value)
        {
            project.WithEndpoint("http", e => e.Port = value);
        }

        return project;
    }

    /// <summary>
    /// A public face (Web, Stream): external in publish output (where compose binds it to its own address), and on every
    /// interface with <c>--lan</c>.
    /// </summary>
    public static IResourceBuilder<ProjectResource> AsPublicFace(this IResourceBuilder<ProjectResource> project, bool lan)
    {
        project.WithExternalHttpEndpoints().WithAnnotation(new PublicFaceAnnotation());
        if (!lan) return project;

        project.WithEndpoint("http", e => e.TargetHost = "0.0.0.0");
        project.OnResourceEndpointsAllocated((resource, e, _) =>
        {
            // Printed where the user looks first (the AppHost's console) and kept in the resource's own log.
            ILogger[] loggers =
            [
                e.Services.GetRequiredService<ILoggerFactory>().CreateLogger("CryptoViz.AppHost"),
                e.Services.GetRequiredService<ResourceLoggerService>().GetLogger(resource),
            ];
            foreach (var endpoint in resource.Annotations.OfType<EndpointAnnotation>().Where(a => a.AllocatedEndpoint is not null))
            {
                foreach (var (logger, address) in loggers.SelectMany(l => LanAddresses().Select(a => (l, a))))
                {
                    AppHostLog.LanUrl(logger, resource.Name, $"{endpoint.UriScheme}://{address}:{endpoint.AllocatedEndpoint!.Port}");
                }
            }

            return Task.CompletedTask;
        });
        return project;
    }

    private static IEnumerable<string> LanAddresses() =>
        NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Where(a => a.Address.AddressFamily == AddressFamily.InterNetwork)
            .Select(a => a.Address.ToString());
}
