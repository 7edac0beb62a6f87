using System.Text.RegularExpressions;

namespace CryptoViz.Contracts.Klines;

/// <summary>
/// Reads one kline file of any <see cref="KlineFormat"/>, streaming: several-MB files are never held as one string.
/// Bars come in file order; gaps are kept as gaps. A bad row stops reading with a <see cref="KlineFormatException"/>
/// naming the file and line.
/// </summary>
public static partial class KlineFile
{
    /// <summary>The file extensions a folder is searched for.</summary>
    public static IReadOnlyList<string> Extensions { get; } = [".csv", ".json"];

    /// <summary>The layout of a file, or false when it is none of the <see cref="KlineFormat"/>s.</summary>
    public static bool TryDetect(string path, out KlineFormat format)
    {
        try
        {
            format = Detect(path);
            return true;
        }
        catch (KlineFormatException)
        {
            format = default;
            return false;
        }
    }

    public static KlineFormat Detect(string path)
    {
        using var reader = new StreamReader(path);
        var first = reader.Peek();
        while (first >= 0 && char.IsWhiteSpace((char)first))
        {
            reader.Read();
            first = reader.Peek();
        }

        if (first == '[')
        {
            return KlineFormat.FreqtradeJson;
        }

        if (first == '{')
        {
            throw new KlineFormatException(path, 1, "not a known kline layout");
        }

        var line = reader.ReadLine() ?? "";
        if (line.StartsWith(BybitKlineCsv.HeaderStart, StringComparison.Ordinal))
        {
            return KlineFormat.BybitCsv;
        }

        if (line.StartsWith(BinanceKlineCsv.HeaderStart, StringComparison.Ordinal))
        {
            return KlineFormat.BinanceCsv;
        }

        return KlineCsv.IsHeader(line) ? throw new KlineFormatException(path, 1, "not a known kline layout")
            : line.Count(',') == 11 ? KlineFormat.BinanceCsv
            : line.Count(',') == 5 ? KlineFormat.BybitCsv
            : throw new KlineFormatException(path, 1, "not a known kline layout");
    }

    public static IAsyncEnumerable<Kline> ReadAsync(string path, CancellationToken cancellationToken = default) =>
        Detect(path) switch
        {
            KlineFormat.FreqtradeJson => FreqtradeKlineJson.ReadAsync(path, cancellationToken),
            KlineFormat.BybitCsv => KlineCsv.ReadAsync(path, BybitKlineCsv.ParseRow, cancellationToken),
            _ => KlineCsv.ReadAsync(path, BinanceKlineCsv.ParseRow, cancellationToken),
        };

    /// <summary>Synchronous form for tools and tests; it blocks on file reads only.</summary>
    public static IEnumerable<Kline> Read(string path) => ReadAsync(path).ToBlockingEnumerable();

    /// <summary>
    /// The trading pair a file holds, from its name: <c>BTCUSDT-1m-2024-12-25.csv</c>, <c>BTC_USDT-1m.json</c> and
    /// <c>BTCUSDT_1m.csv</c> all give <c>BTCUSDT</c>. A name without an interval part gives the bare file name.
    /// </summary>
    public static string Symbol(string path)
    {
        var name = Path.GetFileNameWithoutExtension(path);
        var match = SymbolPattern().Match(name);
        return (match.Success ? match.Groups["symbol"].Value : name).Replace("_", "").Replace("-", "").ToUpperInvariant();
    }

    /// <summary>A series never mixes venues: it is named by its folder (the source) and its symbol.</summary>
    public static string SeriesName(string path) =>
        $"{Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(path)))}/{Symbol(path)}";

    [GeneratedRegex(@"^(?<symbol>[A-Za-z0-9]+?(?:[_-][A-Za-z]+)?)[_-]\d+[smhdwM](?:[_-]|$)")]
    private static partial Regex SymbolPattern();
}
