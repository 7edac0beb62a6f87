using System.ComponentModel.DataAnnotations;

namespace CryptoViz.Scraper.Backfill;

/// <summary>
/// Configuration section <c>Scraper:Backfill</c>: on start, on the <c>backfill</c> command and whenever the live series
/// change, every live series' gaps within <see cref="Depth"/> are filled from its source's history.
/// </summary>
public sealed class BackfillOptions
{
    public const string SectionName = "Scraper:Backfill";

    public bool Enabled { get; set; } = true;

    /// <summary>How far back each series is filled.</summary>
    [Range(typeof(TimeSpan), "00:10:00", "366.00:00:00")]
    public TimeSpan Depth { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Holes this short are left alone: a quote a minute leaves single minutes empty that no history fills better.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan MinGap { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often the live series are looked at again, and their gaps at least every <see cref="RecheckInterval"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Time between two looks at the gaps while the live series stay the same (an outage of a source leaves one).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan RecheckInterval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Ingest's query API, which says what the store has; resolved by service discovery.</summary>
    [Required]
    public Uri Ingest { get; set; } = new("https+http://ingest");
}
