namespace CryptoViz.Ingest.Forecasting;

/// <summary>The backtest of one (symbol, source) on its stored history; forecasts never mix sources.</summary>
public sealed record LiveSeries(string Symbol, string Source, BacktestResult Result)
{
    /// <summary>Named like the backtest command's series: source, then symbol.</summary>
    public static string SeriesName(string symbol, string source) => $"{source}/{symbol}";
}
