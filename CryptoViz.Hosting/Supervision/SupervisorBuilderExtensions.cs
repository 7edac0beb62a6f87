using CryptoViz.Hosting.Supervision;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Aspire.Hosting;

public static class SupervisorBuilderExtensions
{
    /// <summary>Restarts crashed and hung projects with backoff (configuration section <c>Supervisor</c>).</summary>
    public static IDistributedApplicationBuilder AddRestartSupervisor(this IDistributedApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(SupervisorOptions.SectionName);
        if (!section.GetValue(nameof(SupervisorOptions.Enabled), true) || builder.ExecutionContext.IsPublishMode) return builder;

        builder.Services.AddOptions<SupervisorOptions>().Bind(section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<SupervisorOptions>, SupervisorOptionsValidator>();
        builder.Services.AddHostedService<RestartSupervisor>();
        return builder;
    }
}
