using System.Text.Json.Serialization;
using CryptoViz.Scraper.Sources.CoinGecko;
using CryptoViz.Scraper.Sources.CoinMarketCap;

namespace CryptoViz.Scraper.Sources;

/// <summary>Source-generated readers for the providers' payloads (snake_case on the wire).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(CoinGeckoMarket))]
[JsonSerializable(typeof(CoinGeckoMarketChart))]
[JsonSerializable(typeof(CoinMarketCapListing))]
[JsonSerializable(typeof(CoinMarketCapStatus))]
internal sealed partial class ProviderJsonContext : JsonSerializerContext;
