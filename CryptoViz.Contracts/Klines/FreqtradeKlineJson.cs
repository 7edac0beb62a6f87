using System.Runtime.CompilerServices;
using System.Text.Json;

namespace CryptoViz.Contracts.Klines;

/// <summary>Streams the elements of a freqtrade candle file without holding the array in memory.</summary>
internal static class FreqtradeKlineJson
{
    private const int Columns = 6;

    public static async IAsyncEnumerable<Kline> ReadAsync(string path, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        await using var rows = JsonSerializer
            .DeserializeAsyncEnumerable(stream, KlineJsonContext.Default.DoubleArray, cancellationToken)
            .GetAsyncEnumerator(cancellationToken);
        long element = 0;
        while (true)
        {
            bool more;
            try
            {
                more = await rows.MoveNextAsync();
            }
            catch (JsonException e)
            {
                throw new KlineFormatException(path, element + 1, e.Message, e);
            }

            if (!more)
            {
                yield break;
            }

            element++;
            yield return ParseRow(rows.Current, path, element);
        }
    }

    private static Kline ParseRow(double[]? row, string path, long element)
    {
        if (row is not { Length: Columns })
        {
            throw new KlineFormatException(path, element, $"expected an array of {Columns} numbers");
        }

        if (row[0] != Math.Floor(row[0]) || row[0] < 0)
        {
            throw new KlineFormatException(path, element, $"open time {row[0]} is not an epoch integer");
        }

        try
        {
            return KlineValues.Checked(new Kline(KlineTime.FromEpoch((long)row[0]), row[1], row[2], row[3], row[4], row[5]));
        }
        catch (FormatException e)
        {
            throw new KlineFormatException(path, element, e.Message, e);
        }
    }
}
