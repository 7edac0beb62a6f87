using CryptoViz.Web.Clients;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;

namespace CryptoViz.Tests.Web;

/// <summary>
/// ServiceDefaults gives every HttpClient the standard resilience handler, whose 30 s total timeout
/// would cut the endless SSE read: the stream client must have none of it.
/// </summary>
public sealed class StreamClientWiringTests
{
    private static readonly Uri s_stream = new("http://127.0.0.1:9");

    [Fact]
    public void The_stream_client_has_no_resilience_handler_and_no_timeout()
    {
        using var host = FeedHost.Build(s_stream);
        var handlers = host.Services.GetRequiredService<IHttpMessageHandlerFactory>();
        var clients = host.Services.GetRequiredService<IHttpClientFactory>();

        var chain = Chain(handlers.CreateHandler(nameof(StreamClient)));
        using var client = clients.CreateClient(nameof(StreamClient));

        Assert.DoesNotContain(chain, h => h is ResilienceHandler);
        Assert.Equal(Timeout.InfiniteTimeSpan, client.Timeout);
        Assert.Equal(new Uri("http://stream"), client.BaseAddress);
    }

    [Fact]
    public void Other_clients_keep_the_standard_resilience_handler()
    {
        // Proves the inspection above can see a resilience handler at all.
        using var host = FeedHost.Build(s_stream);
        var handlers = host.Services.GetRequiredService<IHttpMessageHandlerFactory>();

        var chain = Chain(handlers.CreateHandler("any-other-client"));

        Assert.Contains(chain, h => h is ResilienceHandler);
    }

    private static List<HttpMessageHandler> Chain(HttpMessageHandler handler)
    {
        var chain = new List<HttpMessageHandler> { handler };
        while (handler is DelegatingHandler { InnerHandler: { } inner })
        {
            chain.Add(inner);
            handler = inner;
        }

        return chain;
    }
}
