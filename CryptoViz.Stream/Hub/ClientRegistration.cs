namespace CryptoViz.Stream.Hub;

/// <summary>A new client and what it gets before live events: a replay after <c>Last-Event-ID</c>, or the snapshot.</summary>
/// <param name="SnapshotPosition">When <paramref name="Initial"/> is the snapshot: where the client stands once it has it.</param>
/// <param name="NotResumed">Why a <c>Last-Event-ID</c> it sent was not resumed; null when it sent none or was resumed.</param>
internal sealed record ClientRegistration(
    StreamClient Client, IReadOnlyList<StreamEvent> Initial, StreamPosition? SnapshotPosition, ResumeFailure? NotResumed)
{
    public bool Resumed => SnapshotPosition is null;
}
