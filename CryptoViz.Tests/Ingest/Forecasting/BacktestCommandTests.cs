using System.Globalization;
using System.Text.Json;
using CryptoViz.Ingest.Forecasting;

namespace CryptoViz.Tests.Ingest.Forecasting;

public sealed class BacktestCommandTests
{
    [Fact]
    public async Task Writes_one_json_object_per_series_model_and_horizon_and_prints_the_table()
    {
        var folder = Directory.CreateTempSubdirectory("backtest-").FullName;
        var source = Directory.CreateDirectory(Path.Combine(folder, "binance_spot_daily")).FullName;
        WriteBinanceCsv(Path.Combine(source, "BTCUSDT-1m-2025-03-01.csv"), SyntheticSeries.RandomWalk(5000, 0.001, 13));
        var json = Path.Combine(folder, "out.json");
        var output = new StringWriter();

        var exit = await BacktestCommand.RunAsync(["backtest", folder, "--json", json], output, TextWriter.Null, TestContext.Current.CancellationToken);

        Assert.Equal(0, exit);
        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(json, TestContext.Current.CancellationToken));
        var rows = document.RootElement.EnumerateArray().ToList();
        Assert.Equal(6 * 4, rows.Count);
        Assert.All(rows, row => Assert.Equal(
            ["series", "model", "horizon_min", "n", "mae", "mase", "hit_rate", "coverage90", "served", "selection_n", "selection_mase", "selection_coverage90"],
            row.EnumerateObject().Select(property => property.Name)));
        // The out-of-sample score of serving by walk-forward selection, on the served rows only.
        Assert.All(rows, row => Assert.Equal(row.GetProperty("served").GetBoolean(), row.GetProperty("selection_n").ValueKind == JsonValueKind.Number));
        Assert.All(rows, row => Assert.Equal("binance_spot_daily/BTCUSDT", row.GetProperty("series").GetString()));
        Assert.Equal(4, rows.Count(row => row.GetProperty("served").GetBoolean()));
        Assert.Contains("binance_spot_daily/BTCUSDT", output.ToString());
    }

    [Fact]
    public async Task With_a_window_scores_only_what_the_service_would_have_served_after_the_first_window()
    {
        var folder = Directory.CreateTempSubdirectory("backtest-").FullName;
        var source = Directory.CreateDirectory(Path.Combine(folder, "binance_spot_daily")).FullName;
        WriteBinanceCsv(Path.Combine(source, "BTCUSDT-1m-2025-03-01.csv"), SyntheticSeries.RandomWalk(5000, 0.001, 13));
        var json = Path.Combine(folder, "out.json");
        var output = new StringWriter();

        var exit = await BacktestCommand.RunAsync(
            ["backtest", folder, "--json", json, "--window", "1440", "--reevaluate", "720", "--warmup", "360"], output, TextWriter.Null, TestContext.Current.CancellationToken);

        Assert.Equal(0, exit);
        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(json, TestContext.Current.CancellationToken));
        var rows = document.RootElement.EnumerateArray().ToList();
        Assert.Equal(6 * 4, rows.Count);
        // An origin every fifth minute after the first day, each re-evaluation's stretch in turn; the very last one's
        // 1-minute target is past the data.
        var oneMinute = rows.Where(row => row.GetProperty("horizon_min").GetInt32() == 1).ToList();
        Assert.All(oneMinute, row => Assert.Equal((5000 - 1440) / 5 - 1, row.GetProperty("n").GetInt32()));
        var served = Assert.Single(oneMinute, row => row.GetProperty("served").GetBoolean());
        Assert.Equal(served.GetProperty("n").GetInt32(), served.GetProperty("selection_n").GetInt32());
        Assert.Contains("a 1440-minute window re-evaluated every 720 min", output.ToString());
    }

    [Theory]
    [InlineData("backtest", "--json")]
    [InlineData("backtest", "some-folder")]
    [InlineData("backtest", "some-folder", "--json", "out.json", "--bogus")]
    [InlineData("backtest", "some-folder", "--json", "out.json", "--reevaluate", "60")]
    [InlineData("backtest", "some-folder", "--json", "out.json", "--window", "10")]
    public async Task Explains_its_usage_when_arguments_are_missing(params string[] args)
    {
        var error = new StringWriter();

        var exit = await BacktestCommand.RunAsync(args, TextWriter.Null, error, TestContext.Current.CancellationToken);

        Assert.Equal(2, exit);
        Assert.StartsWith("usage: backtest", error.ToString());
    }

    [Fact]
    public async Task Names_an_input_that_does_not_exist()
    {
        var error = new StringWriter();
        var missing = Path.Combine(Path.GetTempPath(), $"no-klines-{Guid.NewGuid():N}");

        var exit = await BacktestCommand.RunAsync(["backtest", missing, "--json", "out.json"], TextWriter.Null, error, TestContext.Current.CancellationToken);

        Assert.Equal(2, exit);
        Assert.Equal($"no such file or folder: {missing}", error.ToString().Trim());
    }

    /// <summary>The data.binance.vision layout, microsecond timestamps as in 2025 spot dumps.</summary>
    private static void WriteBinanceCsv(string path, double[] closes)
    {
        var start = SyntheticSeries.Start.ToUnixTimeMilliseconds() * 1000;
        File.WriteAllLines(path, closes.Select((close, t) => string.Create(
            CultureInfo.InvariantCulture,
            $"{start + t * 60_000_000L},{close},{close},{close},{close},1,{start + (t + 1) * 60_000_000L - 1},1,1,1,1,0")));
    }
}
