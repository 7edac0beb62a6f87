using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Operator commands: <c>POST /commands/...</c>, which the AppHost calls for a dashboard command (also
/// <c>aspire resource &lt;resource&gt; &lt;command&gt;</c>). They change state, so they answer only a caller that sends the
/// key the AppHost handed this service (<see cref="KeySetting"/>); a service started without a key answers 404.
/// </summary>
public static class OperatorCommandExtensions
{
    public const string KeyHeader = "X-CryptoViz-Command-Key";
    public const string KeySetting = "Commands:Key";

    public static RouteGroupBuilder MapOperatorCommands(this IEndpointRouteBuilder app)
    {
        var configuration = app.ServiceProvider.GetRequiredService<IConfiguration>();
        return app.MapGroup("/commands").WithTags("Operator commands").ExcludeFromDescription()
            .AddEndpointFilter(async (context, next) =>
            {
                if (configuration[KeySetting] is not { Length: > 0 } expected) return Results.NotFound();
                var given = context.HttpContext.Request.Headers[KeyHeader].ToString();
                return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected))
                    ? await next(context)
                    : Results.Unauthorized();
            });
    }
}
