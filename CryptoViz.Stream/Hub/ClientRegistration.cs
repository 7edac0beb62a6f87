namespace CryptoViz.Stream.Hub;

/// <summary>A new client and what it gets before live events: a replay after <c>Last-Event-ID</c>, or the snapshot.</summary>
internal sealed record ClientRegistration(StreamClient Client, IReadOnlyList<StreamEvent> Initial, bool Resumed);
