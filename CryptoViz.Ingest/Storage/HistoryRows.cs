using CryptoViz.Contracts.Messaging;
using DuckDB.NET.Data;

namespace CryptoViz.Ingest.Storage;

/// <summary>The history pages of one batch, appended to the stage tables of <see cref="HistorySchema"/>.</summary>
public sealed class HistoryRows
{
    private static readonly TimeSpan s_lastMoment = TimeSpan.FromMinutes(1) - TimeSpan.FromTicks(TimeSpan.TicksPerMicrosecond);
    private readonly List<CandleBatch> _pages = [];

    public int Pages => _pages.Count;

    /// <summary>Candles in all pages.</summary>
    public int Candles { get; private set; }

    public static HistoryRows Of(IEnumerable<CandleBatch> pages)
    {
        var rows = new HistoryRows();
        foreach (var page in pages) rows.Add(page);
        return rows;
    }

    public void Add(CandleBatch page)
    {
        _pages.Add(page);
        Candles += page.Candles.Count;
    }

    public void Clear()
    {
        _pages.Clear();
        Candles = 0;
    }

    /// <summary>
    /// Candles in <c>candles_1m</c>'s column order. A history candle has no ticks (0), which tells it from a live one
    /// (late live ticks replace it), and spans its whole minute.
    /// </summary>
    internal void AppendCandles(DuckDBAppender appender)
    {
        foreach (var page in _pages)
        {
            foreach (var c in page.Candles)
            {
                appender.CreateRow()
                    .AppendValue(page.Symbol).AppendValue(page.Source).AppendValue(c.Time)
                    .AppendValue(c.Open).AppendValue(c.High).AppendValue(c.Low).AppendValue(c.Close)
                    .AppendValue(0L).AppendValue(c.Time).AppendValue(c.Time + s_lastMoment)
                    .AppendValue(c.Volume ?? 0).AppendValue(c.QuoteVolume ?? 0)
                    .EndRow();
            }
        }
    }

    internal void AppendRanges(DuckDBAppender appender)
    {
        foreach (var page in _pages)
        {
            appender.CreateRow().AppendValue(page.Symbol).AppendValue(page.Source).AppendValue(page.From).AppendValue(page.To).EndRow();
        }
    }
}
