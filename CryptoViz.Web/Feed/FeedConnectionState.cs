namespace CryptoViz.Web.Feed;

public enum FeedConnectionState
{
    /// <summary>Before the first event of the first connection.</summary>
    Connecting,
    Live,
    Reconnecting,
}
