using System.Text;
using Aspire.Hosting.ApplicationModel;

namespace CryptoViz.Hosting.Publishing.Model;

/// <summary>
/// A value of the app model (an environment variable, an argument) with its references to other resources kept
/// open: each target renders an endpoint or a parameter in its own terms (<c>kafka:9092</c> or
/// <c>kafka-service:9092</c>, <c>${COINMARKETCAP_API_KEY}</c> or a Secret).
/// </summary>
public sealed record DeployValue(IReadOnlyList<DeployValuePart> Parts)
{
    public IEnumerable<ParameterResource> Parameters => Parts.OfType<ParameterPart>().Select(p => p.Parameter);

    public string Render(Func<EndpointPart, string> endpoint, Func<ParameterResource, string> parameter)
    {
        var text = new StringBuilder();
        foreach (var part in Parts)
        {
            text.Append(part switch
            {
                TextPart t => t.Text,
                EndpointPart e => endpoint(e),
                ParameterPart p => parameter(p.Parameter),
                _ => throw new NotSupportedException(part.GetType().Name),
            });
        }

        return text.ToString();
    }
}
