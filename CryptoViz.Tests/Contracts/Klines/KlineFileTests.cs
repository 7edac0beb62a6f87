using CryptoViz.Contracts.Klines;

namespace CryptoViz.Tests.Contracts.Klines;

public sealed class KlineFileTests
{
    private static readonly TimeSpan s_minute = TimeSpan.FromMinutes(1);

    [Theory]
    [InlineData(KlineFixtures.SpotMilliseconds, KlineFormat.BinanceCsv)]
    [InlineData(KlineFixtures.SpotMicroseconds, KlineFormat.BinanceCsv)]
    [InlineData(KlineFixtures.FuturesWithHeader, KlineFormat.BinanceCsv)]
    [InlineData(KlineFixtures.FreqtradeGap, KlineFormat.FreqtradeJson)]
    [InlineData(KlineFixtures.BybitHole, KlineFormat.BybitCsv)]
    public void Detects_the_layout_of_each_recorded_file(string name, KlineFormat expected) =>
        Assert.Equal(expected, KlineFile.Detect(KlineFixtures.PathOf(name)));

    [Fact]
    public void Reads_millisecond_binance_rows_without_header()
    {
        var bars = KlineFile.Read(KlineFixtures.PathOf(KlineFixtures.SpotMilliseconds)).ToList();

        Assert.Equal(30, bars.Count);
        Assert.Equal(new DateTimeOffset(2024, 12, 31, 23, 30, 0, TimeSpan.Zero), bars[0].OpenTime);
        Assert.Equal(new DateTimeOffset(2024, 12, 31, 23, 59, 0, TimeSpan.Zero), bars[^1].OpenTime);
        Assert.All(bars, bar => Assert.True(bar.Low <= Math.Min(bar.Open, bar.Close) && Math.Max(bar.Open, bar.Close) <= bar.High));
    }

    [Fact]
    public void Reads_microsecond_binance_rows_and_continues_the_millisecond_day_minute_by_minute()
    {
        var december = KlineFile.Read(KlineFixtures.PathOf(KlineFixtures.SpotMilliseconds));
        var january = KlineFile.Read(KlineFixtures.PathOf(KlineFixtures.SpotMicroseconds)).ToList();
        var bars = december.Concat(january).ToList();

        // First row of the 2025-01-01 dump: 1735689600000000,93576.00000000,93610.93000000,93537.50000000,93610.93000000,8.21827000,
        // 1735689659999999,768978.75522470,…
        Assert.Equal(new Kline(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero), 93576.0, 93610.93, 93537.5, 93610.93, 8.21827, 768978.7552247), january[0]);
        Assert.All(bars.Zip(bars.Skip(1)), pair => Assert.Equal(s_minute, pair.Second.OpenTime - pair.First.OpenTime));
    }

    [Fact]
    public void Skips_the_header_row_of_the_futures_dump()
    {
        var bars = KlineFile.Read(KlineFixtures.PathOf(KlineFixtures.FuturesWithHeader)).ToList();

        Assert.Equal(30, bars.Count);
        // 1677628800000,1604.73,1605.37,1603.89,1605.16,6707.880,1677628859999,10763758.97135,…
        Assert.Equal(new Kline(new DateTimeOffset(2023, 3, 1, 0, 0, 0, TimeSpan.Zero), 1604.73, 1605.37, 1603.89, 1605.16, 6707.88, 10763758.97135), bars[0]);
    }

    [Fact]
    public void Keeps_the_freqtrade_maintenance_gap_as_a_gap()
    {
        var bars = KlineFile.Read(KlineFixtures.PathOf(KlineFixtures.FreqtradeGap)).ToList();

        Assert.Equal(40, bars.Count);
        var steps = bars.Zip(bars.Skip(1), (a, b) => b.OpenTime - a.OpenTime).ToList();
        Assert.Equal(38, steps.Count(step => step == s_minute));
        Assert.Equal(TimeSpan.FromMinutes(151), Assert.Single(steps, step => step != s_minute));
        Assert.Equal(new DateTimeOffset(2021, 4, 20, 4, 30, 0, TimeSpan.Zero), bars[20].OpenTime);
    }

    [Fact]
    public void Reads_bybit_iso_timestamps_as_utc_and_keeps_the_missing_minute_missing()
    {
        var bars = KlineFile.Read(KlineFixtures.PathOf(KlineFixtures.BybitHole)).ToList();

        Assert.Equal(30, bars.Count);
        Assert.All(bars, bar => Assert.Equal(TimeSpan.Zero, bar.OpenTime.Offset));
        Assert.Equal(new Kline(new DateTimeOffset(2025, 5, 30, 9, 30, 0, TimeSpan.Zero), 105209.5, 105228.6, 105205.3, 105228.6, 11.225), bars[0]);
        Assert.DoesNotContain(bars, bar => bar.OpenTime == new DateTimeOffset(2025, 5, 30, 9, 45, 0, TimeSpan.Zero));
    }

    [Theory]
    [InlineData("2025-05-30T09:31:00Z")]
    [InlineData("2025-05-30 11:31:00+02:00")]
    [InlineData("1748597460000")]
    public void Reads_other_spellings_of_the_bybit_open_time(string time)
    {
        // Line 3 of the fixture is 2025-05-30 09:31:00+00:00,105228.6,105240.2,105185.0,105240.0,28.829
        var path = KlineFixtures.WithLine(KlineFixtures.BybitHole, 3, $"{time},105228.6,105240.2,105185.0,105240.0,28.829");

        Assert.Equal(KlineFile.Read(KlineFixtures.PathOf(KlineFixtures.BybitHole)), KlineFile.Read(path));
    }

    [Fact]
    public async Task Streams_the_same_bars_asynchronously()
    {
        var path = KlineFixtures.PathOf(KlineFixtures.BybitHole);
        var bars = new List<Kline>();
        await foreach (var bar in KlineFile.ReadAsync(path, TestContext.Current.CancellationToken))
        {
            bars.Add(bar);
        }

        Assert.Equal(KlineFile.Read(path), bars);
    }

    [Theory]
    [InlineData(KlineFixtures.SpotMilliseconds, 7, "1735603620000,92800.1,92810.0,92790.0,not-a-price,1.0,1735603679999,1,1,1,1,0", "close")]
    [InlineData(KlineFixtures.SpotMilliseconds, 3, "1735603320000,92800.1,92810.0", "columns")]
    [InlineData(KlineFixtures.FuturesWithHeader, 12, "1677629460000,-1604.73,1605.37,1603.89,1605.16,6707.880,1677629519999,1,1,1,1,0", "positive")]
    [InlineData(KlineFixtures.BybitHole, 5, "yesterday 09:33,105209.5,105228.6,105205.3,105228.6,11.225", "timestamp")]
    [InlineData(KlineFixtures.SpotMilliseconds, 4, "9223372036854775807,92800.1,92810.0,92790.0,92800.0,1.0,1735603679999,1,1,1,1,0", "years 1 to 9999")]
    [InlineData(KlineFixtures.BybitHole, 3, "999999999999999999,105209.5,105228.6,105205.3,105228.6,11.225", "years 1 to 9999")]
    public void Stops_at_a_bad_row_naming_file_and_line(string name, int line, string badRow, string expectedReason)
    {
        var path = KlineFixtures.WithLine(name, line, badRow);

        var error = Assert.Throws<KlineFormatException>(() => KlineFile.Read(path).ToList());

        Assert.Equal(path, error.Path);
        Assert.Equal(line, error.Line);
        Assert.Contains(expectedReason, error.Message);
        Assert.StartsWith($"{path}:{line}:", error.Message);
    }

    [Fact]
    public void Names_the_element_of_a_broken_freqtrade_row()
    {
        var text = File.ReadAllText(KlineFixtures.PathOf(KlineFixtures.FreqtradeGap));
        var path = Path.Combine(Directory.CreateTempSubdirectory("klines-").FullName, KlineFixtures.FreqtradeGap);
        // The third element loses its volume.
        var third = text.IndexOf("],[", text.IndexOf("],[", StringComparison.Ordinal) + 1, StringComparison.Ordinal) + 2;
        var end = text.IndexOf(']', third);
        File.WriteAllText(path, text[..text.LastIndexOf(',', end)] + text[end..]);

        var error = Assert.Throws<KlineFormatException>(() => KlineFile.Read(path).ToList());

        Assert.Equal(3, error.Line);
    }

    [Theory]
    [InlineData("1e300")]
    [InlineData("9007199254740992000")]
    public void A_freqtrade_open_time_past_the_year_9999_is_a_format_error(string openTime)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("klines-").FullName, KlineFixtures.FreqtradeGap);
        File.WriteAllText(path, $"[[1618882800000,1,1,1,1,1],[{openTime},1,1,1,1,1]]");

        var error = Assert.Throws<KlineFormatException>(() => KlineFile.Read(path).ToList());

        Assert.Equal(2, error.Line);
        Assert.Contains("years 1 to 9999", error.Message);
    }

    [Theory]
    [InlineData("/data/binance_spot_daily/BTCUSDT-1m-2024-12-25.csv", "BTCUSDT", "binance_spot_daily/BTCUSDT")]
    [InlineData("/data/freqtrade_binance_spot/SOL_USDT-1m.json", "SOLUSDT", "freqtrade_binance_spot/SOLUSDT")]
    [InlineData("/data/bybit_linear_1m/ETHUSDT_1m.csv", "ETHUSDT", "bybit_linear_1m/ETHUSDT")]
    [InlineData("/data/mine/prices.csv", "PRICES", "mine/PRICES")]
    public void Names_a_series_by_source_folder_and_symbol(string path, string symbol, string series)
    {
        Assert.Equal(symbol, KlineFile.Symbol(path));
        Assert.Equal(series, KlineFile.SeriesName(path));
    }

    [Fact]
    public void Groups_a_folder_into_one_series_per_symbol()
    {
        var series = KlineSeries.Discover([KlineFixtures.Folder()]);

        Assert.Equal(["Fixtures/BTCUSDT", "Fixtures/ETHUSDT"], series.Select(s => s.Name));
        Assert.Equal(4, series[0].Files.Count);
    }

    [Fact]
    public void Passes_over_files_in_a_folder_that_are_no_kline_files_but_fails_on_one_named_explicitly()
    {
        var folder = Directory.CreateTempSubdirectory("klines-").FullName;
        File.Copy(KlineFixtures.PathOf(KlineFixtures.BybitHole), Path.Combine(folder, KlineFixtures.BybitHole));
        var payload = Path.Combine(folder, "ticker.json");
        File.WriteAllText(payload, """{"symbol":"BTCUSDT"}""");

        Assert.Equal([KlineFixtures.BybitHole], Assert.Single(KlineSeries.Discover([folder])).Files.Select(Path.GetFileName));
        var explicitly = Assert.Single(KlineSeries.Discover([payload]));
        Assert.Throws<KlineFormatException>(() => explicitly.ReadAsync(TestContext.Current.CancellationToken)
            .ToBlockingEnumerable(TestContext.Current.CancellationToken).ToList());
    }

    [Fact]
    public void Reads_daily_files_of_a_series_in_date_order_whatever_order_they_are_given_in()
    {
        var series = Assert.Single(KlineSeries.Discover(
            [KlineFixtures.PathOf(KlineFixtures.SpotMicroseconds), KlineFixtures.PathOf(KlineFixtures.SpotMilliseconds)]));

        var bars = series.ReadAsync(TestContext.Current.CancellationToken).ToBlockingEnumerable(TestContext.Current.CancellationToken).ToList();

        Assert.Equal(60, bars.Count);
        Assert.Equal(bars.OrderBy(bar => bar.OpenTime), bars);
    }
}
