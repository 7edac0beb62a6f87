using System.Runtime.CompilerServices;

namespace CryptoViz.Contracts.Klines;

/// <summary>The line loop of the CSV layouts: an optional header line, then one bar a line.</summary>
internal static class KlineCsv
{
    public delegate Kline RowParser(ReadOnlySpan<char> line);

    public static async IAsyncEnumerable<Kline> ReadAsync(
        string path, RowParser parse, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(path);
        long lineNumber = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            lineNumber++;
            if (line.Length == 0 || (lineNumber == 1 && IsHeader(line)))
            {
                continue;
            }

            yield return Parse(parse, line, path, lineNumber);
        }
    }

    /// <summary>Splits a row into <paramref name="fields"/>, which holds one more than <paramref name="columns"/> to see extra ones.</summary>
    public static void Split(ReadOnlySpan<char> line, Span<Range> fields, int columns)
    {
        if (line.Split(fields, ',') != columns)
        {
            throw new FormatException($"expected {columns} comma-separated columns");
        }
    }

    /// <summary>A data row starts with a digit (epoch or ISO date); a header with a column name.</summary>
    public static bool IsHeader(string line) => line.Length > 0 && !char.IsAsciiDigit(line[0]);

    private static Kline Parse(RowParser parse, string line, string path, long lineNumber)
    {
        try
        {
            return parse(line);
        }
        catch (FormatException e)
        {
            throw new KlineFormatException(path, lineNumber, e.Message, e);
        }
    }
}
