namespace CryptoViz.Stream.Services;

/// <summary>
/// One <c>crypto_update</c> as every client receives it. The SSE frame (<c>id:</c> and <c>data:</c> lines) is
/// rendered once per event, not once per client, so fan-out to many clients is a copy.
/// </summary>
internal sealed record StreamEvent(long Id, string Key, string Symbol, string Source, UpdateOrigin Origin, ReadOnlyMemory<byte> Frame);
