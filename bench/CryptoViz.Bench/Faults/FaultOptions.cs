namespace CryptoViz.Bench.Faults;

/// <summary>The <c>faults</c> command's settings (bench/README.md, <c>faults</c>).</summary>
internal sealed record FaultOptions(
    IReadOnlyList<string> Scenarios,
    int LoadPerSecond,
    TimeSpan Baseline,
    TimeSpan Outage,
    int DiskMegabytes,
    TimeSpan DiskHold,
    int PoisonBytes,
    int InvalidMessages,
    TimeSpan DeadLetterHold,
    int ChurnPerSecond,
    TimeSpan ChurnDuration,
    string HungService,
    TimeSpan RecoverTimeout,
    TimeSpan StartTimeout)
{
    /// <summary>
    /// In the order they run: <c>dlq</c> before <c>poison</c>, whose dead letter would let Ingest's producer cache the
    /// dead-letter topic's metadata (see <see cref="DeadLetterOutage"/>); <c>hung</c> last, as it may leave the model unrecoverable.
    /// </summary>
    public static readonly string[] AllScenarios = ["baseline", "kill", "dlq", "outage", "disk", "poison", "sse", "hung"];

    public static FaultOptions From(BenchArgs args)
    {
        var scenarios = args.GetString("scenarios") is { } list
            ? list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : AllScenarios;
        if (scenarios.Except(AllScenarios).ToList() is [_, ..] unknown)
        {
            throw new ArgumentException($"unknown scenarios: {string.Join(", ", unknown)}; known: {string.Join(", ", AllScenarios)}");
        }

        var hung = args.GetString("hung-service") ?? "ingest";
        if (hung is not ("ingest" or "scraper" or "stream" or "web")) throw new ArgumentException("--hung-service is ingest, scraper, stream or web");

        return new FaultOptions(
            [.. AllScenarios.Where(scenarios.Contains)],
            args.GetInt("load", 200),
            Seconds(args, "baseline", 20),
            Seconds(args, "outage", 30),
            args.GetInt("disk-mb", 64),
            Seconds(args, "disk-hold", 20),
            args.GetInt("poison-bytes", 1024 * 1024),
            args.GetInt("invalid", 10),
            Seconds(args, "dlq-hold", 30),
            args.GetInt("churn", 1000),
            Seconds(args, "churn-seconds", 60),
            hung,
            Seconds(args, "recover-timeout", 180),
            Seconds(args, "start-timeout", 300));
    }

    private static TimeSpan Seconds(BenchArgs args, string name, int fallback) => TimeSpan.FromSeconds(args.GetInt(name, fallback));
}
