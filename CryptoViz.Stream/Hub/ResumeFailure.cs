namespace CryptoViz.Stream.Hub;

/// <summary>Why a <c>Last-Event-ID</c> could not be resumed here, so the client gets the snapshot instead.</summary>
internal enum ResumeFailure
{
    /// <summary>Not an id this service issues: another server's, an older version's numeric one, or garbled.</summary>
    NotAPosition,

    /// <summary>It names a partition this instance does not read (yet): it cannot tell what followed there.</summary>
    UnknownPartition,

    /// <summary>Events after it have left the replay buffer, or came before this instance started reading.</summary>
    LeftBuffer,
}
