using System.Diagnostics;
using System.Text.Json;
using CryptoViz.Contracts.Klines;

namespace CryptoViz.Ingest.Forecasting;

/// <summary>
/// <c>backtest &lt;file-or-folder&gt;... --json &lt;out.json&gt; [--step &lt;minutes&gt;] [--warmup &lt;minutes&gt;]
/// [--window &lt;minutes&gt; [--reevaluate &lt;minutes&gt;]]</c>: the service's walk-forward backtest run offline on kline
/// files, one series per symbol and source folder, series in parallel. With <c>--window</c> it replays what the service
/// serves from a window of that many minutes (<see cref="LiveReplay"/>) instead of walking each file once.
/// </summary>
public static class BacktestCommand
{
    public const string Verb = "backtest";

    private const string Usage = $"usage: {Verb} <file-or-folder>... --json <out.json> [--step <minutes>] [--warmup <minutes>] [--window <minutes> [--reevaluate <minutes>]]";

    public static bool IsInvoked(string[] args) => args is [Verb, ..];

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (!TryParse(args, out var inputs, out var json, out var settings, out var replay))
        {
            await error.WriteLineAsync(Usage);
            return 2;
        }

        inputs = [.. inputs.Select(InvocationPath)];
        json = InvocationPath(json!);
        if (inputs.FirstOrDefault(path => !File.Exists(path) && !Directory.Exists(path)) is { } missing)
        {
            await error.WriteLineAsync($"no such file or folder: {missing}");
            return 2;
        }

        var series = KlineSeries.Discover(inputs);
        if (series.Count == 0)
        {
            await error.WriteLineAsync("no kline files (.csv, .json) found");
            return 2;
        }

        var clock = Stopwatch.StartNew();
        var results = new BacktestResult[series.Count];
        try
        {
            await Parallel.ForAsync(0, series.Count, cancellationToken, async (i, ct) =>
            {
                var minutes = MinuteSeries.FromKlines(series[i].Name, await series[i].ReadAsync(ct).ToListAsync(ct));
                results[i] = replay is { } live
                    ? new LiveReplay(settings, live.Window, live.Reevaluate).Run(minutes, ForecastModels.CreateChallengers)
                    : new WalkForwardBacktest(settings).Run(minutes, ForecastModels.CreateChallengers());
            });
        }
        catch (KlineFormatException e)
        {
            await error.WriteLineAsync(e.Message);
            return 1;
        }

        var scores = results.SelectMany(result => result.Scores).ToList();
        await using (var file = File.Create(json))
        {
            await JsonSerializer.SerializeAsync(file, scores, BacktestJsonContext.Default.IReadOnlyListModelScore, cancellationToken);
        }

        BacktestTable.Write(output, scores);
        await output.WriteLineAsync();
        await output.WriteLineAsync("Served (* above): the lowest-MAE model that beats naive, else naive");
        BacktestTable.Write(output, scores.Where(score => score.Served));
        var walked = replay is { } replayed
            ? $"the service replayed: a {replayed.Window}-minute window re-evaluated every {replayed.Reevaluate} min"
            : "each series walked once";
        await output.WriteLineAsync(
            $"{series.Count} series, {results.Sum(r => r.Scores.Count)} rows, origin every {settings.OriginStep} min, warm-up {settings.WarmupMinutes} min, {walked}, in {clock.Elapsed.TotalSeconds:0.0} s; wrote {json}");
        return 0;
    }

    /// <summary>
    /// A relative path is meant from where the command was typed. <c>dotnet run</c> starts a web project in its
    /// project folder, but the shell's <c>PWD</c> is inherited unchanged, so it still names that place.
    /// </summary>
    private static string InvocationPath(string path) =>
        Path.IsPathRooted(path) ? path
        : Environment.GetEnvironmentVariable("PWD") is { Length: > 0 } shell && Directory.Exists(shell) ? Path.GetFullPath(path, shell)
        : Path.GetFullPath(path);

    private static bool TryParse(
        string[] args, out List<string> inputs, out string? json, out BacktestSettings settings, out (int Window, int Reevaluate)? replay)
    {
        inputs = [];
        json = null;
        settings = new BacktestSettings();
        int? window = null;
        int? reevaluate = null;
        for (var i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--json" when i + 1 < args.Length:
                    json = args[++i];
                    break;
                case "--step" when Minutes(args, i, minimum: 1) is { } step:
                    settings.OriginStep = step;
                    i++;
                    break;
                case "--warmup" when Minutes(args, i, minimum: 0) is { } warmup:
                    settings.WarmupMinutes = warmup;
                    i++;
                    break;
                case "--window" when Minutes(args, i, minimum: settings.MinimumHistoryMinutes) is { } minutes:
                    window = minutes;
                    i++;
                    break;
                case "--reevaluate" when Minutes(args, i, minimum: 1) is { } minutes:
                    reevaluate = minutes;
                    i++;
                    break;
                case var option when option.StartsWith("--", StringComparison.Ordinal):
                    replay = null;
                    return false;
                default:
                    inputs.Add(args[i]);
                    break;
            }
        }

        // A day: the files are weeks long, and each re-evaluation walks a whole window again.
        replay = window is { } w ? (w, reevaluate ?? 1440) : null;
        return json is not null && inputs.Count > 0 && (window is not null || reevaluate is null);
    }

    private static int? Minutes(string[] args, int option, int minimum) =>
        option + 1 < args.Length && int.TryParse(args[option + 1], out var minutes) && minutes >= minimum ? minutes : null;
}
