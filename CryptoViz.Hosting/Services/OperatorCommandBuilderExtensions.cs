using System.Security.Cryptography;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Hosting;

namespace Aspire.Hosting;

/// <summary>
/// A dashboard command (also <c>aspire resource &lt;resource&gt; &lt;command&gt;</c>) that POSTs to the service's
/// <c>/commands/&lt;name&gt;</c> with the command key, in run mode only. The key is new with every AppHost run and known only
/// to the AppHost and the services it starts, so nobody else can trigger what the command changes.
/// </summary>
public static class OperatorCommandBuilderExtensions
{
    private static readonly string s_key = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));

    public static IResourceBuilder<ProjectResource> WithOperatorCommand(this IResourceBuilder<ProjectResource> builder,
        string name, string displayName, string description, string iconName)
    {
        if (!builder.ApplicationBuilder.ExecutionContext.IsRunMode) return builder;
        return builder
            .WithEnvironment(OperatorCommandExtensions.KeySetting.Replace(":", "__", StringComparison.Ordinal), s_key)
            .WithHttpCommand($"/commands/{name}", displayName, endpointName: "http", commandName: name, commandOptions: new HttpCommandOptions
            {
                Description = description,
                IconName = iconName,
                ResultMode = HttpCommandResultMode.Json,
                PrepareRequest = context =>
                {
                    context.Request.Headers.Add(OperatorCommandExtensions.KeyHeader, s_key);
                    return Task.CompletedTask;
                },
            });
    }
}
