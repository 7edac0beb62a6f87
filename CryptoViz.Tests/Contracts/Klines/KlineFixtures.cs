using System.Runtime.CompilerServices;

namespace CryptoViz.Tests.Contracts.Klines;

/// <summary>The recorded kline slices in <c>Klines/Fixtures/</c> (see its ATTRIBUTION.md), read from beside this file.</summary>
internal static class KlineFixtures
{
    public const string SpotMilliseconds = "BTCUSDT-1m-2024-12-31.csv";
    public const string SpotMicroseconds = "BTCUSDT-1m-2025-01-01.csv";
    public const string FuturesWithHeader = "ETHUSDT-1m-2023-03-01.csv";
    public const string FreqtradeGap = "BTC_USDT-1m.json";
    public const string BybitHole = "BTCUSDT_1m.csv";

    public static string Folder([CallerFilePath] string path = "") => Path.Combine(Path.GetDirectoryName(path)!, "Fixtures");

    public static string PathOf(string name) => Path.Combine(Folder(), name);

    /// <summary>A copy of a fixture with one line replaced, in a fresh temporary folder.</summary>
    public static string WithLine(string name, int lineNumber, string replacement)
    {
        var lines = File.ReadAllLines(PathOf(name));
        lines[lineNumber - 1] = replacement;
        var folder = Directory.CreateTempSubdirectory("klines-").FullName;
        var path = Path.Combine(folder, name);
        File.WriteAllLines(path, lines);
        return path;
    }
}
