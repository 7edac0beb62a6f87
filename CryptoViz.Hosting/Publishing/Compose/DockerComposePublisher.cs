using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Pipelines;
using CryptoViz.Hosting.Publishing.Model;
using Microsoft.Extensions.DependencyInjection;

namespace CryptoViz.Hosting.Publishing.Compose;

#pragma warning disable ASPIREPIPELINES001, ASPIREPIPELINES004 // PipelineStepContext, IPipelineOutputService: experimental in Aspire 13.6.

/// <summary>
/// Writes the compose environment. Where Aspire's compose publisher is known to fall short it goes further:
/// health checks for every service and <c>depends_on: service_healthy</c> (Aspire writes <c>service_started</c>
/// and no health checks), restart policies, and a <c>.env</c> that keeps the values a user filled in.
/// </summary>
internal static class DockerComposePublisher
{
    public const string FileName = "docker-compose.yaml";
    public const string EnvFileName = ".env";

    private const string Network = "aspire";
    private const int DashboardUiPort = 18888;
    private const int DashboardOtlpGrpcPort = 18889;
    private const string DashboardTokenVariable = "DASHBOARD_BROWSER_TOKEN";

    // Host addresses: the operator's ports (the broker, its console, the dashboard), and the public faces' (Web, Stream),
    // which 0.0.0.0 opens to the LAN as the AppHost's --lan does, and nothing else with them.
    private const string BindAddressVariable = "CRYPTOVIZ_BIND_ADDRESS";
    private const string PublicBindAddressVariable = "CRYPTOVIZ_PUBLIC_BIND_ADDRESS";
    private const string Loopback = "127.0.0.1";

    private const string EnvHeader =
        "Values for the ${...} placeholders of docker-compose.yaml, read by `docker-compose up`.\n" +
        "Fill them in here; `aspire publish` keeps every value when it writes this file again. Never commit a real secret.";

    // Compose's own settings, after the model's parameters in the .env.
    private static readonly DotEnvEntry[] s_environmentEntries =
    [
        new(BindAddressVariable, "host address of the operator's ports (Kafka, Redpanda Console, the dashboard); " +
            "127.0.0.1 is this machine only", Loopback),
        new(PublicBindAddressVariable, "host address of the public faces (Web, Stream); 0.0.0.0 opens them to the LAN " +
            "like the AppHost's --lan, 127.0.0.1 keeps them on this machine", Loopback),
        new(DashboardTokenVariable, "dashboard browser token (secret): sign in at http://localhost:18888/login?t=<token>; " +
            "empty makes the dashboard pick one at each start and log that link (docker compose logs compose-dashboard)"),
    ];

    public static async Task PublishAsync(DockerComposeEnvironmentResource environment, PipelineStepContext context)
    {
        var ct = context.CancellationToken;
        var directory = context.Services.GetRequiredService<IPipelineOutputService>().GetOutputDirectory(environment);
        Directory.CreateDirectory(directory);

        var model = await PublishedModelReader.ReadAsync(context.Model, context.ExecutionContext, ct);
        var composePath = Path.Combine(directory, FileName);
        await File.WriteAllTextAsync(composePath, ComposeYaml.Serialize(Build(environment, model)), ct);
        PublishLog.Wrote(context.Logger, environment.Name, composePath);

        var envPath = Path.Combine(directory, EnvFileName);
        await DotEnvFile.WriteAsync(envPath, EnvHeader, [.. ParametersOf(model).Select(EnvEntry), .. s_environmentEntries], ct);
        PublishLog.Wrote(context.Logger, environment.Name, envPath);
        PublishLog.Published(context.Logger, environment.Name, model.Services.Count, directory);
    }

    private static ComposeFile Build(DockerComposeEnvironmentResource environment, PublishedModel model)
    {
        var file = new ComposeFile();
        foreach (var service in model.Services)
        {
            foreach (var volume in service.Volumes)
            {
                file.Volumes[volume.Name] = new ComposeVolume();
                if (ComposeVolumeOwner.IsNeeded(volume))
                {
                    file.Services.TryAdd(ComposeVolumeOwner.ServiceName(volume), ComposeVolumeOwner.Service(volume, service.Image, Network));
                }
            }

            file.Services[service.Name] = ServiceOf(service, model, environment);
        }

        file.Services[environment.DashboardName] = new ComposeService
        {
            Image = environment.DashboardImage,
            Environment = new()
            {
                // The logs and traces it shows carry whatever the services log: a browser signs in with the token.
                ["DASHBOARD__FRONTEND__AUTHMODE"] = "BrowserToken",
                ["DASHBOARD__FRONTEND__BROWSERTOKEN"] = $"${{{DashboardTokenVariable}}}",
                // OTLP is exposed on the compose network only, where just the services send to it.
                ["DASHBOARD__OTLP__AUTHMODE"] = "Unsecured",
            },
            Expose = [$"{DashboardOtlpGrpcPort}"],
            Ports = [HostPort(BindAddressVariable, DashboardUiPort, DashboardUiPort)],
            Restart = "always",
            Networks = [Network],
        };
        file.Networks[Network] = new ComposeNetwork { Driver = "bridge" };
        return file;
    }

    private static ComposeService ServiceOf(PublishedService service, PublishedModel model, DockerComposeEnvironmentResource environment)
    {
        var environmentVariables = service.Environment.ToDictionary(v => v.Name, v => Render(v.Value, model));
        if (service.IsProject)
        {
            // What Aspire's compose publisher adds to every resource that exports telemetry.
            environmentVariables["OTEL_EXPORTER_OTLP_ENDPOINT"] = $"http://{environment.DashboardName}:{DashboardOtlpGrpcPort}";
            environmentVariables["OTEL_EXPORTER_OTLP_PROTOCOL"] = "grpc";
            environmentVariables["OTEL_SERVICE_NAME"] = service.Name;
        }

        var external = service.Endpoints.Where(e => e.IsExternal).ToList();
        var dependsOn = service.WaitsFor.ToDictionary(d => d.Name, d => new ComposeDependency { Condition = ConditionOf(d, model) });
        foreach (var volume in service.Volumes.Where(ComposeVolumeOwner.IsNeeded))
        {
            dependsOn[ComposeVolumeOwner.ServiceName(volume)] = new ComposeDependency { Condition = "service_completed_successfully" };
        }

        return new ComposeService
        {
            Image = service.Image,
            Entrypoint = service.Entrypoint is { } entrypoint ? [entrypoint] : null,
            Command = service.Args.Count > 0 ? [.. service.Args.Select(a => Render(a, model))] : null,
            Environment = environmentVariables.Count > 0 ? environmentVariables : null,
            Expose = service.Endpoints.Count > 0 ? [.. service.Endpoints.Select(e => $"{e.TargetPort}").Distinct()] : null,
            Ports = external.Count > 0
                ? [.. external.Select(e => HostPort(service.IsPublicFace ? PublicBindAddressVariable : BindAddressVariable, e.Port, e.TargetPort))]
                : null,
            // On one machine the replicas of a service mount the same named volumes, a hot store's too: Ingest's replicas
            // each take a DuckDB file of their own beside the configured one (CryptoViz.Ingest/Storage/DatabaseSlot.cs).
            Volumes = service.Volumes.Count > 0 ? [.. service.Volumes.Select(v => $"{v.Name}:{v.MountPath}")] : null,
            // A host port fits one container: a service that has one (Stream) runs once here.
            Deploy = service.Replicas > 1 && external.Count == 0 ? new ComposeDeploy { Replicas = service.Replicas } : null,
            DependsOn = dependsOn.Count > 0 ? dependsOn : null,
            Healthcheck = service.Health is { } health ? HealthcheckOf(service, health) : null,
            Restart = service.IsOneShot ? "on-failure" : "unless-stopped",
            Networks = [Network],
        };
    }

    // Loopback unless the .env says otherwise (or is missing), like the AppHost's own ports without --lan.
    private static string HostPort(string addressVariable, int port, int targetPort) =>
        $"${{{addressVariable}:-{Loopback}}}:{port}:{targetPort}";

    // Inside the compose network a service is reached by its name on the port its process listens on.
    private static string Render(DeployValue value, PublishedModel model) =>
        value.Render(e => model.RenderEndpoint(e, s => s.Name, p => p.TargetPort), p => $"${{{EnvName(p)}}}");

    // Aspire's placeholder name for a parameter: upper case, '-' as '_'.
    private static string EnvName(ParameterResource parameter) => parameter.Name.ToUpperInvariant().Replace('-', '_');

    private static string ConditionOf(PublishedDependency dependency, PublishedModel model) => dependency.WaitType switch
    {
        WaitType.WaitForCompletion => "service_completed_successfully",
        WaitType.WaitUntilHealthy when model.Service(dependency.Name).Health is not null => "service_healthy",
        _ => "service_started",
    };

    // Neither the .NET images nor Redpanda's ship curl or wget; bash's /dev/tcp speaks enough HTTP for a probe.
    // "$$" is compose's escape for a literal "$".
    private static ComposeHealthcheck HealthcheckOf(PublishedService service, PublishedHealth health)
    {
        var port = service.Endpoint(health.EndpointName).TargetPort;
        var script =
            $"exec 3<>/dev/tcp/127.0.0.1/{port} " +
            $"&& printf 'GET {health.ReadinessPath} HTTP/1.1\\r\\nHost: localhost\\r\\nConnection: close\\r\\n\\r\\n' >&3 " +
            "&& read -r _ status _ <&3 && [ \"$$status\" = 200 ]";
        return new ComposeHealthcheck { Test = ["CMD", "bash", "-c", script] };
    }

    private static IEnumerable<ParameterResource> ParametersOf(PublishedModel model) =>
        model.Services.SelectMany(s => s.Environment.Select(v => v.Value).Concat(s.Args)).SelectMany(v => v.Parameters).Distinct();

    private static DotEnvEntry EnvEntry(ParameterResource parameter) =>
        new(EnvName(parameter), ParameterDocs.Describe(parameter), ParameterDocs.PublishedDefault(parameter));
}
