namespace CryptoViz.Contracts.Klines;

/// <summary>
/// A kline file holds a row that cannot be read. Reading stops there: recorded market data with a corrupt row is
/// not silently thinned out, the file is fixed or left out.
/// </summary>
/// <param name="path">The file.</param>
/// <param name="line">1-based line of a CSV file, or 1-based element of a freqtrade JSON array.</param>
/// <param name="reason">What is wrong with the row.</param>
public sealed class KlineFormatException(string path, long line, string reason, Exception? inner = null)
    : FormatException($"{path}:{line}: {reason}", inner)
{
    public string Path { get; } = path;

    public long Line { get; } = line;
}
