namespace CryptoViz.Stream.Hub;

/// <summary>
/// One <c>crypto_update</c> or <c>prediction</c> as every client receives it. The SSE frame (<c>id:</c> and
/// <c>data:</c> lines) is rendered once per event, not once per client, so fan-out to many clients is a copy.
/// </summary>
/// <param name="Id">Where the log stands once this event is read here: its broker record's own place for broker events.</param>
/// <param name="At">Its broker record's place in the log; null for events that do not come from the broker (<c>/test</c>).</param>
/// <param name="Type">The envelope's <c>type</c>: <see cref="ClientFilter.UpdateType"/> or <see cref="ClientFilter.PredictionType"/>.</param>
/// <param name="Key">What a newer event replaces in a slow client's queue and in the snapshot.</param>
internal sealed record StreamEvent(
    StreamPosition Id, PartitionOffset? At, string Type, string Key, string Symbol, string Source, UpdateOrigin Origin, ReadOnlyMemory<byte> Frame)
{
    /// <summary>The bytes of the frame's <c>id:</c> line, which a client whose own place differs gets in another form.</summary>
    public int IdLineLength => Envelopes.IdLineLength(Id);
}
