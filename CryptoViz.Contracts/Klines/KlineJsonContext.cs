using System.Text.Json.Serialization;

namespace CryptoViz.Contracts.Klines;

/// <summary>freqtrade rows are bare number arrays: <c>[ms, o, h, l, c, v]</c>.</summary>
[JsonSerializable(typeof(double[]))]
internal sealed partial class KlineJsonContext : JsonSerializerContext;
