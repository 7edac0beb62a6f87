using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using CryptoViz.Contracts.Messaging;

namespace CryptoViz.Scraper.Sources;

/// <summary>The HTTP half every REST provider shares: status codes, 429 + Retry-After, and "is this JSON at all".</summary>
public abstract class HttpPriceSource(HttpClient http, TimeProvider time) : IPriceSource
{
    private const int MaxDetailLength = 200;

    public abstract string Name { get; }

    public abstract PriceProviderOptions Settings { get; }

    public abstract string? DisabledReason { get; }

    public abstract Task<PriceFetch> FetchAsync(CancellationToken cancellationToken);

    protected TimeProvider Time => time;

    /// <summary>Sends the request and parses the body; every way the response can be wrong is a <see cref="PriceFetchException"/>.</summary>
    protected async Task<JsonDocument> GetJsonAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            throw new PriceFetchException("rate-limited", "HTTP 429 Too Many Requests", RetryAfter(response));
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new PriceFetchException($"http-{(int)response.StatusCode}", $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
        }

        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (mediaType is not null && !mediaType.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            throw new PriceFetchException("not-json", $"content type {mediaType}, body starts {await StartOfBodyAsync(response, cancellationToken).ConfigureAwait(false)}");
        }

        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return JsonDocument.Parse(body);
        }
        catch (JsonException ex)
        {
            throw new PriceFetchException("invalid-json", $"{Truncate(ex.Message)} ({body.Length} bytes)");
        }
    }

    /// <summary>
    /// Reads each element of a JSON array on its own, so one item of a wrong type or with a missing field is one
    /// rejected item and the rest of the payload still counts.
    /// </summary>
    protected static PriceFetch MapItems<T>(JsonElement array, JsonTypeInfo<T> typeInfo, Func<T, (CryptoPrice? Price, string? Reason)> map)
        where T : class
    {
        var quotes = new List<CryptoPrice>(array.GetArrayLength());
        var rejected = new List<RejectedItem>();
        var index = 0;
        foreach (var element in array.EnumerateArray())
        {
            var item = $"#{index++}";
            try
            {
                if (element.Deserialize(typeInfo) is not { } dto)
                {
                    rejected.Add(new RejectedItem(item, "null item"));
                    continue;
                }

                var (price, reason) = map(dto);
                if (price is not null) quotes.Add(price);
                else rejected.Add(new RejectedItem(item, reason ?? "unmapped"));
            }
            catch (JsonException ex)
            {
                rejected.Add(new RejectedItem(item, "wrong type", Truncate(ex.Message)));
            }
        }

        return new PriceFetch(quotes, rejected);
    }

    protected static PriceFetchException UnexpectedShape(string expected) => new("unexpected-shape", expected);

    protected static string Truncate(string text) => text.Length <= MaxDetailLength ? text : text[..MaxDetailLength] + "…";

    private TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - time.GetUtcNow() is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };

    private static async Task<string> StartOfBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var start = text.AsSpan().Trim();
        start = start[..Math.Min(start.Length, 60)];
        return $"'{start.ToString().ReplaceLineEndings(" ")}'";
    }
}
