using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CryptoViz.AppHost.Supervision;

public static class SupervisorBuilderExtensions
{
    /// <summary>Restarts crashed projects with backoff (configuration section <c>Supervisor</c>).</summary>
    public static IDistributedApplicationBuilder AddRestartSupervisor(this IDistributedApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(SupervisorOptions.SectionName).Get<SupervisorOptions>() ?? new SupervisorOptions();
        if (options.Enabled && !builder.ExecutionContext.IsPublishMode)
        {
            builder.Services.AddSingleton(options);
            builder.Services.AddHostedService<RestartSupervisor>();
        }

        return builder;
    }
}
