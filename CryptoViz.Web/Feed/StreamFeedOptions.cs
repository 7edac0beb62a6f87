using System.ComponentModel.DataAnnotations;

namespace CryptoViz.Web.Feed;

/// <summary>
/// How the Web server holds its single SSE connection to Stream. Public so that tests can name this
/// assembly as the <c>WebApplicationFactory</c> entry point: every service's <c>Program</c> is
/// <c>global::Program</c>, which is ambiguous in a test project that references them all.
/// </summary>
public sealed class StreamFeedOptions
{
    public const string SectionName = "StreamFeed";

    /// <summary>First wait after a lost connection; doubles on each failed attempt.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:05:00")]
    public TimeSpan InitialReconnectDelay { get; set; } = TimeSpan.FromSeconds(1);

    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan MaxReconnectDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Stream sends a heartbeat after 30 s of silence, so a longer silence means a dead peer whose
    /// socket never closed: drop it and reconnect.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:30:00")]
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromSeconds(75);
}
