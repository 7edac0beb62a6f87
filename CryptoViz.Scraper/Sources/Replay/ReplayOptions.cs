using System.ComponentModel.DataAnnotations;

namespace CryptoViz.Scraper.Sources.Replay;

/// <summary>
/// Configuration section <c>Scraper:Replay</c>: real 1-minute history (Binance kline CSV, freqtrade JSON or Bybit CSV
/// files) played back as ticks, re-timed to the present.
/// </summary>
public sealed class ReplayOptions : OfflineSourceOptions
{
    /// <summary>Kline files or folders, comma-separated; relative paths start at the Scraper's own folder, which holds the bundled history.</summary>
    [Required]
    public string Path { get; set; } = "ReplayData";

    /// <summary>Replayed minutes per real minute: 1 plays the history in real time, 60 an hour a minute.</summary>
    [Range(0.01, 100_000)]
    public double Speed { get; set; } = 1;

    /// <summary>Real time between two ticks of every coin.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan TickInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Start again from the first bar at the end; otherwise the replay stops there.</summary>
    public bool Loop { get; set; } = true;

    public IReadOnlyList<string> Paths =>
    [
        .. Path.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => System.IO.Path.GetFullPath(p, AppContext.BaseDirectory)),
    ];
}
