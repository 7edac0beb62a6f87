using System.Globalization;
using System.Text;
using Aspire.Hosting.ApplicationModel;
using CryptoViz.Hosting.Publishing.Model;

namespace CryptoViz.Hosting.Publishing;

/// <summary>Turns the values the model's callbacks produce into <see cref="DeployValue"/>s.</summary>
internal sealed class DeployValueConverter(IReadOnlyDictionary<string, IReadOnlyList<PublishedEndpoint>> published)
{
    /// <returns><c>null</c> when the value points at an endpoint that is not published.</returns>
    public DeployValue? Convert(object? value)
    {
        var parts = new List<DeployValuePart>();
        return Append(value, parts) ? new DeployValue(parts) : null;
    }

    private bool Append(object? value, List<DeployValuePart> parts)
    {
        switch (value)
        {
            case null:
                return true;
            case string text:
                parts.Add(new TextPart(text));
                return true;
            case ParameterResource parameter:
                parts.Add(new ParameterPart(parameter));
                return true;
            case EndpointReference endpoint:
                return AppendEndpoint(endpoint, EndpointProperty.Url, parts);
            case EndpointReferenceExpression expression:
                return AppendEndpoint(expression.Endpoint, expression.Property, parts);
            case ConnectionStringReference reference:
                return Append(reference.Resource.ConnectionStringExpression, parts);
            case IResourceWithConnectionString resource:
                return Append(resource.ConnectionStringExpression, parts);
            case ReferenceExpression expression:
                return AppendExpression(expression, parts);
            case IFormattable formattable:
                parts.Add(new TextPart(formattable.ToString(null, CultureInfo.InvariantCulture)));
                return true;
            default:
                throw new NotSupportedException($"A value of type {value.GetType().Name} cannot be published");
        }
    }

    private bool AppendEndpoint(EndpointReference endpoint, EndpointProperty property, List<DeployValuePart> parts)
    {
        var isPublished = published.TryGetValue(endpoint.Resource.Name, out var endpoints)
            && endpoints.Any(e => e.Name == endpoint.EndpointName);
        if (isPublished)
        {
            parts.Add(new EndpointPart(endpoint.Resource.Name, endpoint.EndpointName, property));
        }

        return isPublished;
    }

    // ReferenceExpression.Format is a composite format string: "{0}" holes for ValueProviders, "{{"/"}}" for braces.
    private bool AppendExpression(ReferenceExpression expression, List<DeployValuePart> parts)
    {
        var format = expression.Format;
        var literal = new StringBuilder();
        for (var i = 0; i < format.Length; i++)
        {
            var c = format[i];
            if ((c == '{' || c == '}') && i + 1 < format.Length && format[i + 1] == c)
            {
                literal.Append(c);
                i++;
                continue;
            }

            if (c != '{')
            {
                literal.Append(c);
                continue;
            }

            var end = format.IndexOf('}', i);
            var hole = format[(i + 1)..end].Split(':')[0];
            FlushLiteral(literal, parts);
            if (!Append(expression.ValueProviders[int.Parse(hole, CultureInfo.InvariantCulture)], parts)) return false;
            i = end;
        }

        FlushLiteral(literal, parts);
        return true;
    }

    private static void FlushLiteral(StringBuilder literal, List<DeployValuePart> parts)
    {
        if (literal.Length == 0) return;
        parts.Add(new TextPart(literal.ToString()));
        literal.Clear();
    }
}
