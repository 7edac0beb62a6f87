using Aspire.Hosting.ApplicationModel;

namespace CryptoViz.Hosting.Publishing;

/// <summary>How the <c>KEY=value</c> files the user fills in (compose's <c>.env</c>, Kubernetes' values and secrets) present a parameter.</summary>
internal static class ParameterDocs
{
    public static string Describe(ParameterResource parameter) =>
        $"{parameter.Name}{(parameter.Secret ? " (secret)" : "")}: {parameter.Description ?? "a parameter of the app model"}";

    /// <summary>The default a parameter declares (<see cref="ConstantParameterDefault"/>), never for a secret; never its configured value.</summary>
    public static string PublishedDefault(ParameterResource parameter) =>
        !parameter.Secret && parameter.Default is ConstantParameterDefault constant ? constant.GetDefaultValue() : "";
}
