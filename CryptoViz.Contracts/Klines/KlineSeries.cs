using System.Runtime.CompilerServices;

namespace CryptoViz.Contracts.Klines;

/// <summary>
/// The files of one series (one symbol from one source folder), e.g. the 14 daily Binance dumps of BTCUSDT, read
/// as one stream in file-name order (the daily dumps are named by date).
/// </summary>
public sealed record KlineSeries(string Name, IReadOnlyList<string> Files)
{
    /// <summary>
    /// Groups files, and the kline files anywhere under folders, into series. In a folder, files of no known
    /// layout (a README.json, an API payload) are passed over; a file named explicitly is always read, and fails
    /// loudly if it is no kline file.
    /// </summary>
    public static IReadOnlyList<KlineSeries> Discover(IEnumerable<string> filesOrFolders) =>
        filesOrFolders
            .SelectMany(path => Directory.Exists(path)
                ? Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                    .Where(file => KlineFile.Extensions.Contains(Path.GetExtension(file), StringComparer.OrdinalIgnoreCase)
                        && KlineFile.TryDetect(file, out _))
                : [path])
            .Select(Path.GetFullPath)
            .Distinct()
            .GroupBy(KlineFile.SeriesName)
            .Select(group => new KlineSeries(group.Key, [.. group.Order(StringComparer.Ordinal)]))
            .OrderBy(series => series.Name, StringComparer.Ordinal)
            .ToList();

    public async IAsyncEnumerable<Kline> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var file in Files)
        {
            await foreach (var kline in KlineFile.ReadAsync(file, cancellationToken))
            {
                yield return kline;
            }
        }
    }
}
