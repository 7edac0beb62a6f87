using CryptoViz.Contracts.Messaging;
using DuckDB.NET.Data;

namespace CryptoViz.Ingest.Lake;

/// <summary>The history candles of a segment of <c>crypto-candles</c>, in offset order, staged as <see cref="LakeSql.HistoryStage"/>'s rows.</summary>
internal sealed class LakeHistoryRows
{
    private readonly List<(string Symbol, string Source, HistoryCandle Candle)> _rows = [];

    public int Count => _rows.Count;

    public void Add(string symbol, string source, HistoryCandle candle) => _rows.Add((symbol, source, candle));

    public void AppendTo(DuckDBAppender appender)
    {
        foreach (var (symbol, source, c) in _rows)
        {
            appender.CreateRow()
                .AppendValue(symbol).AppendValue(source).AppendValue(c.Time)
                .AppendValue(c.Open).AppendValue(c.High).AppendValue(c.Low).AppendValue(c.Close)
                .AppendValue(c.Volume).AppendValue(c.QuoteVolume)
                .EndRow();
        }
    }
}
