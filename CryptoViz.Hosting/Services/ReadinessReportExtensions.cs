using Aspire.Hosting.ApplicationModel;
using CryptoViz.Hosting.Services;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace Aspire.Hosting;

/// <summary>
/// A project's health in the dashboard read from its own readiness report (<c>/ready</c>), within seconds of a change.
/// Aspire's <c>WithHttpHealthCheck</c> calls every 200 Healthy, so a service that lost its broker (Degraded, still
/// serving, still 200) would look Healthy; and Aspire asks a healthy resource again only every 30 s, longer than many
/// outages, so the <see cref="ReadinessMonitor"/> also shows each change at once as a resource property. Run mode only; the published outputs probe the same path.
/// </summary>
public static class ReadinessReportExtensions
{
    public static IResourceBuilder<ProjectResource> WithReadinessReport(this IResourceBuilder<ProjectResource> project)
    {
        if (!project.ApplicationBuilder.ExecutionContext.IsRunMode) return project;
        var services = project.ApplicationBuilder.Services;
        services.TryAddSingleton<ReadinessReports>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, ReadinessMonitor>());
        var name = $"{project.Resource.Name}_ready";
        var resource = project.Resource.Name;
        services.AddHealthChecks().Add(new HealthCheckRegistration(name,
            sp => new ReadinessReportCheck(sp.GetRequiredService<ReadinessReports>(), resource), failureStatus: null, tags: null));
        return project.WithAnnotation(new ReadinessProbeAnnotation()).WithHealthCheck(name);
    }
}
