using System.Diagnostics;
using System.Text.Json;
using CryptoViz.ServiceDefaults.Klines;

namespace CryptoViz.Ingest.Forecasting;

/// <summary>
/// <c>backtest &lt;file-or-folder&gt;... --json &lt;out.json&gt; [--step &lt;minutes&gt;]</c>: the service's walk-forward
/// backtest run offline on kline files, one series per symbol and source folder, series in parallel.
/// </summary>
public static class BacktestCommand
{
    public const string Verb = "backtest";

    public static bool IsInvoked(string[] args) => args is [Verb, ..];

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (!TryParse(args, out var inputs, out var json, out var settings))
        {
            await error.WriteLineAsync($"usage: {Verb} <file-or-folder>... --json <out.json> [--step <minutes>]");
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
                results[i] = new WalkForwardBacktest(settings).Run(minutes, ForecastModels.CreateChallengers());
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
        await output.WriteLineAsync(
            $"{series.Count} series, {results.Sum(r => r.Scores.Count)} rows, origin every {settings.OriginStep} min, in {clock.Elapsed.TotalSeconds:0.0} s; wrote {json}");
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

    private static bool TryParse(string[] args, out List<string> inputs, out string? json, out BacktestSettings settings)
    {
        inputs = [];
        json = null;
        settings = new BacktestSettings();
        for (var i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--json" when i + 1 < args.Length:
                    json = args[++i];
                    break;
                case "--step" when i + 1 < args.Length && int.TryParse(args[i + 1], out var step) && step > 0:
                    settings.OriginStep = step;
                    i++;
                    break;
                case var option when option.StartsWith("--", StringComparison.Ordinal):
                    return false;
                default:
                    inputs.Add(args[i]);
                    break;
            }
        }

        return json is not null && inputs.Count > 0;
    }
}
