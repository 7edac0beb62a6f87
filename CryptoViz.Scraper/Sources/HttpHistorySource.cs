using System.Net;
using System.Text.Json;
using CryptoViz.Scraper.Backfill;
using CryptoViz.Contracts.Messaging;

namespace CryptoViz.Scraper.Sources;

/// <summary>
/// The HTTP half both provider history sources share. Before each call it waits as long as the provider's budget asks
/// (<see cref="ReserveCall"/>). A 429 is waited out for its Retry-After and the call made once more; a second 429 in a row
/// ends the fetch, because pressing on is what gets an IP banned. Every other refusal or failure, after the client's own
/// retries, is a <see cref="HistoryUnavailableException"/> with the provider's Retry-After when it sent one.
/// </summary>
/// <remarks>
/// A singleton, since its budget is shared by every fetch; it takes a client from the factory per call, so that the
/// factory still rotates the handlers.
/// </remarks>
public abstract class HttpHistorySource(IHttpClientFactory clients, string clientName, TimeProvider time, ILogger logger) : IHistorySource
{
    /// <summary>For a 429 without Retry-After: both providers count their limits by the minute.</summary>
    private static readonly TimeSpan s_defaultRetryAfter = TimeSpan.FromMinutes(1);

    private const int MaxDetailLength = 200;

    public abstract string Name { get; }

    public abstract IReadOnlyList<HistorySeries> Series { get; }

    public abstract IAsyncEnumerable<HistoryPage> FetchAsync(HistorySeries series, DateTime from, DateTime to, CancellationToken cancellationToken);

    protected TimeProvider Time => time;

    protected ILogger Logger => logger;

    /// <summary>Books the next call: zero when it may go now, otherwise how long to wait before asking again.</summary>
    protected abstract TimeSpan ReserveCall(DateTimeOffset now);

    /// <summary>Reads what a response, of any status, says about the budget.</summary>
    protected virtual void Observe(HttpResponseMessage response, DateTimeOffset at)
    {
    }

    /// <summary>One paced GET of <paramref name="pathAndQuery"/> (relative to the client's base address), its body parsed.</summary>
    protected async Task<JsonDocument> GetJsonAsync(string pathAndQuery, Action<HttpRequestMessage>? prepare, CancellationToken cancellationToken)
    {
        var rateLimited = false;
        while (true)
        {
            await PaceAsync(cancellationToken).ConfigureAwait(false);
            using var request = new HttpRequestMessage(HttpMethod.Get, pathAndQuery);
            prepare?.Invoke(request);
            using var response = await SendAsync(request, pathAndQuery, cancellationToken).ConfigureAwait(false);
            Observe(response, time.GetUtcNow());
            var retryAfter = RetryAfter(response);
            if (response.StatusCode == HttpStatusCode.TooManyRequests && !rateLimited)
            {
                rateLimited = true;
                var wait = retryAfter ?? s_defaultRetryAfter;
                ScraperLog.HistoryRateLimited(logger, Name, wait);
                await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (!response.IsSuccessStatusCode)
            {
                var body = await StartOfBodyAsync(response, cancellationToken).ConfigureAwait(false);
                throw new HistoryUnavailableException(
                    $"{Name}: HTTP {(int)response.StatusCode} {response.ReasonPhrase} for {pathAndQuery}: {body}", retryAfter);
            }

            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return JsonDocument.Parse(bytes);
            }
            catch (JsonException ex)
            {
                throw new HistoryUnavailableException($"{Name}: {pathAndQuery}: invalid JSON: {Truncate(ex.Message)}", null, ex);
            }
        }
    }

    /// <summary>The contract's range: both ends on a minute, in order.</summary>
    protected static void CheckRange(DateTime from, DateTime to)
    {
        if (!UtcMinute.IsOn(from) || !UtcMinute.IsOn(to))
        {
            throw new ArgumentException($"the range [{from:O}, {to:O}) must start and end on a minute");
        }

        if (to < from) throw new ArgumentException($"the range [{from:O}, {to:O}) ends before it starts");
    }

    /// <summary>Whole Unix milliseconds of a UTC time, whatever its <see cref="DateTime.Kind"/> says.</summary>
    protected static long UnixMilliseconds(DateTime utc) => (utc.Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMillisecond;

    protected static string Truncate(string text) => text.Length <= MaxDetailLength ? text : text[..MaxDetailLength] + "…";

    private async Task PaceAsync(CancellationToken cancellationToken)
    {
        while (ReserveCall(time.GetUtcNow()) is var wait && wait > TimeSpan.Zero)
        {
            ScraperLog.HistoryPaced(logger, Name, wait);
            await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, string pathAndQuery, CancellationToken cancellationToken)
    {
        try
        {
            return await clients.CreateClient(clientName).SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Unreachable, timed out or the circuit open: the client's resilience handler has retried already.
            throw new HistoryUnavailableException($"{Name}: {pathAndQuery}: {ex.GetType().Name}: {Truncate(ex.Message)}", null, ex);
        }
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - time.GetUtcNow() is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };

    private static async Task<string> StartOfBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return $"'{Truncate(text.Trim().ReplaceLineEndings(" "))}'";
    }
}
