using CryptoViz.Scraper.Backfill;
using CryptoViz.Contracts.Messaging;
using Microsoft.Extensions.Options;

namespace CryptoViz.Scraper.Sources.Replay;

/// <summary>
/// The replay's past: what the live replay would have published had it been playing all along, folded into 1-minute
/// candles. Its clock runs backwards from the last tick (<see cref="ReplayClock"/>) at the same speed, looping through
/// the tape as the live replay does, and samples each minute at the live tick interval, so the candles are the ones its
/// ticks would have made (open, close, extremes along each bar's path, the bars' volume shares). A loop before the live
/// one is re-levelled by the tape's own growth (<see cref="ReplaySeries.LoopGrowth"/>), so that the past meets the present
/// without the jump from the tape's last close to its first open.
/// </summary>
public sealed class ReplayHistorySource(ReplayClock clock, SourceSupervisor supervisor, IOptions<ScraperOptions> options) : IHistorySource
{
    private static readonly TimeSpan s_minute = TimeSpan.FromMinutes(1);

    public string Name => ReplayQuote.SourceName;

    public IReadOnlyList<HistorySeries> Series =>
        clock is { Tape: { } tape, Played: not null } && supervisor.ShouldReplay()
            ? [.. tape.Series.Select(s => new HistorySeries(s.Symbol, KnownCoins.NameOf(s.Symbol)))]
            : [];

    public async IAsyncEnumerable<HistoryPage> FetchAsync(
        HistorySeries series, DateTime from, DateTime to, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var tape = clock.Tape;
        var played = clock.Played;
        var replayed = tape?.Series.FirstOrDefault(s => s.Symbol == series.Symbol);
        var settings = options.Value.Replay;
        // Whole minutes up to the first live tick only: that minute and the later ones are the live replay's own.
        var end = played is { } p ? UtcMinute.Floor(p.At.UtcDateTime) : from;
        var samples = Math.Max(1, (int)Math.Round(s_minute / settings.TickInterval));
        var step = s_minute / samples;
        var candles = new List<HistoryCandle>();
        if (replayed is not null && played is { } anchor)
        {
            for (var minute = from; minute < to && minute < end; minute += s_minute)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (Candle(tape!, replayed, anchor, minute, samples, step, settings) is { } candle) candles.Add(candle);
            }
        }

        foreach (var page in HistoryPages.Split(from, to, candles))
        {
            yield return page;
            await Task.Yield();
        }
    }

    private static HistoryCandle? Candle(ReplayTape tape, ReplaySeries series, (DateTimeOffset At, TimeSpan Position) anchor, DateTime minute,
        int samples, TimeSpan step, ReplayOptions settings)
    {
        double open = 0, high = double.MinValue, low = double.MaxValue, close = 0, volume = 0, quoteVolume = 0;
        var any = false;
        var tapeStep = step * settings.Speed;
        for (var k = 0; k < samples; k++)
        {
            var present = new DateTimeOffset(minute + step * k, TimeSpan.Zero);
            var offset = anchor.Position - (anchor.At - present) * settings.Speed;
            var level = 1.0;
            if (offset < TimeSpan.Zero)
            {
                if (!settings.Loop) continue;
                var loopsBack = (long)Math.Ceiling(-offset.Ticks / (double)tape.Length.Ticks);
                offset += tape.Length * loopsBack;
                level = Math.Pow(series.LoopGrowth, -loopsBack);
            }

            var time = tape.Start + offset;
            if (series.BarAt(time) is not { } bar) continue;
            var price = BarPath.PriceAt(bar, time) * level;
            var share = BarPath.VolumeShare(bar, time, tapeStep);
            if (!any) open = price;
            any = true;
            high = Math.Max(high, price);
            low = Math.Min(low, price);
            close = price;
            volume += bar.Volume * share;
            quoteVolume += bar.QuoteVolume * share * level ?? bar.Volume * share * price;
        }

        return any ? new HistoryCandle { Time = minute, Open = open, High = high, Low = low, Close = close, Volume = volume, QuoteVolume = quoteVolume } : null;
    }
}
