namespace CryptoViz.Stream.Hub;

/// <summary>
/// One <c>crypto_update</c> or <c>prediction</c> as every client receives it. The SSE frame (<c>id:</c> and
/// <c>data:</c> lines) is rendered once per event, not once per client, so fan-out to many clients is a copy.
/// </summary>
/// <param name="Type">The envelope's <c>type</c>: <see cref="ClientFilter.UpdateType"/> or <see cref="ClientFilter.PredictionType"/>.</param>
/// <param name="Key">What a newer event replaces in a slow client's queue and in the snapshot.</param>
internal sealed record StreamEvent(long Id, string Type, string Key, string Symbol, string Source, UpdateOrigin Origin, ReadOnlyMemory<byte> Frame);
