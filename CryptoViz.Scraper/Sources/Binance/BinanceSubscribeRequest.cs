using System.Text.Json.Serialization;

namespace CryptoViz.Scraper.Sources.Binance;

/// <summary><c>{"method":"SUBSCRIBE","params":["btcusdt@ticker"],"id":1}</c>, sent after every (re)connect.</summary>
public sealed record BinanceSubscribeRequest(
    [property: JsonPropertyName("method")] string Method,
    [property: JsonPropertyName("params")] IReadOnlyList<string> Params,
    [property: JsonPropertyName("id")] int Id);
