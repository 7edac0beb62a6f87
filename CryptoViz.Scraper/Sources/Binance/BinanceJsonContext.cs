using System.Text.Json.Serialization;

namespace CryptoViz.Scraper.Sources.Binance;

[JsonSerializable(typeof(BinanceSubscribeRequest))]
internal sealed partial class BinanceJsonContext : JsonSerializerContext;
