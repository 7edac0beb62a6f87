using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Publishing;

namespace CryptoViz.Hosting.Publishing;

/// <summary>
/// A parameter's value when configuration has none, and what the published outputs fill in for a parameter that is not
/// secret (as Aspire's manifest writes a constant default). The outputs never write a configured value.
/// </summary>
internal sealed class ConstantParameterDefault(string value) : ParameterDefault
{
    public override void WriteToManifest(ManifestPublishingContext context) => context.Writer.WriteString("value", value);

    public override string GetDefaultValue() => value;
}
