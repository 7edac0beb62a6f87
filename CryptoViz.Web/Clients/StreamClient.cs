using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;

namespace CryptoViz.Web.Clients;

/// <summary>Typed client for Stream's <c>GET /stream</c>; its base address is the logical <c>http://stream</c>.</summary>
public sealed class StreamClient(HttpClient http)
{
    public const string StreamPath = "/stream";

    /// <summary>Opens one SSE connection and yields its events until the server ends the response.</summary>
    /// <param name="lastEventId">Sent as <c>Last-Event-ID</c> so that a server keeping a replay buffer can resume.</param>
    public async IAsyncEnumerable<SseItem<string>> ReadAsync(
        string? lastEventId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, StreamPath);
        // ServiceDefaults keeps requests with this Accept out of tracing: an endless read is no span.
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (lastEventId is not null)
        {
            request.Headers.TryAddWithoutValidation("Last-Event-ID", lastEventId);
        }

        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        await foreach (var item in SseParser.Create(body).EnumerateAsync(cancellationToken))
        {
            yield return item;
        }
    }
}
