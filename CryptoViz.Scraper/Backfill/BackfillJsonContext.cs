using System.Text.Json.Serialization;

namespace CryptoViz.Scraper.Backfill;

[JsonSerializable(typeof(BackfillStatus))]
public sealed partial class BackfillJsonContext : JsonSerializerContext;
