using CryptoViz.ServiceDefaults.KafkaDiagnostics;
using CryptoViz.Web.Clients;
using Microsoft.FluentUI.AspNetCore.Components;

namespace CryptoViz.Web.Pipeline;

/// <summary>V2's monitoring thresholds, in one place.</summary>
public static class PipelineRules
{
    public static readonly TimeSpan ActiveBelow = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan SlowBelow = TimeSpan.FromMinutes(30);
    public static readonly TimeSpan FreshBelow = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan StaleBelow = TimeSpan.FromMinutes(60);

    /// <summary>Active below 10 min, Slow below 30 min, Inactive otherwise (and when nothing was ever stored).</summary>
    public static SourceActivity Activity(DateTime? lastUpdateUtc, DateTimeOffset now) => Age(lastUpdateUtc, now) switch
    {
        { } age when age < ActiveBelow => SourceActivity.Active,
        { } age when age < SlowBelow => SourceActivity.Slow,
        _ => SourceActivity.Inactive,
    };

    /// <summary>Green below 10 min, amber below 60 min, red otherwise (and when nothing was ever stored).</summary>
    public static DataFreshness Freshness(DateTime? newestUtc, DateTimeOffset now) => Age(newestUtc, now) switch
    {
        { } age when age < FreshBelow => DataFreshness.Fresh,
        { } age when age < StaleBelow => DataFreshness.Stale,
        _ => DataFreshness.Old,
    };

    /// <summary>How long ago; a timestamp slightly ahead of this clock counts as zero.</summary>
    public static TimeSpan? Age(DateTime? utc, DateTimeOffset now)
    {
        if (utc is not { } time)
        {
            return null;
        }

        var age = now - new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc));
        return age < TimeSpan.Zero ? TimeSpan.Zero : age;
    }

    public static BadgeColor Color(SourceActivity activity) => activity switch
    {
        SourceActivity.Active => BadgeColor.Success,
        SourceActivity.Slow => BadgeColor.Warning,
        _ => BadgeColor.Danger,
    };

    public static BadgeColor Color(DataFreshness freshness) => freshness switch
    {
        DataFreshness.Fresh => BadgeColor.Success,
        DataFreshness.Stale => BadgeColor.Warning,
        _ => BadgeColor.Danger,
    };

    public static BadgeColor Color(ServiceStatus status) => status switch
    {
        ServiceStatus.Healthy => BadgeColor.Success,
        ServiceStatus.Degraded => BadgeColor.Warning,
        _ => BadgeColor.Danger,
    };

    /// <summary>"just now", "42 s ago", "7 min ago", "3 h 5 min ago", "2 d ago", or "never".</summary>
    public static string AgeText(TimeSpan? age) => age switch
    {
        null => "never",
        { TotalSeconds: < 5 } => "just now",
        { TotalMinutes: < 1 } a => $"{(int)a.TotalSeconds} s ago",
        { TotalHours: < 1 } a => $"{(int)a.TotalMinutes} min ago",
        { TotalDays: < 1 } a => a.Minutes == 0 ? $"{(int)a.TotalHours} h ago" : $"{(int)a.TotalHours} h {a.Minutes} min ago",
        { } a => $"{(int)a.TotalDays} d ago",
    };

    /// <summary>
    /// The broker Stream reads, by the kind the AppHost told it (<see cref="KafkaBroker"/>); plain "Kafka" when it was not
    /// told, never V2's <c>backend</c>, which says "redpanda" whatever runs.
    /// </summary>
    public static string BrokerName(string? broker) => broker switch
    {
        KafkaBroker.Embedded => "Embedded mock cluster (AppHost)",
        KafkaBroker.Redpanda => "Redpanda (container)",
        KafkaBroker.External => "External Kafka",
        _ => "Kafka",
    };

    /// <summary>1.4 GB, 512.0 MB, 12.3 KB, 42 B.</summary>
    public static string Bytes(long bytes) => bytes switch
    {
        >= 1L << 30 => (bytes / (double)(1L << 30)).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + " GB",
        >= 1L << 20 => (bytes / (double)(1L << 20)).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + " MB",
        >= 1L << 10 => (bytes / (double)(1L << 10)).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + " KB",
        _ => bytes.ToString(System.Globalization.CultureInfo.InvariantCulture) + " B",
    };
}
