using CryptoViz.Contracts.Klines;
using FsCheck;
using FsCheck.Fluent;

namespace CryptoViz.Tests.Contracts.Klines;

/// <summary>Whatever a kline file holds, reading it gives bars or a <see cref="KlineFormatException"/> naming the line: nothing else.</summary>
public sealed class KlinePropertyTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("klines-prop-").FullName;

    [Theory]
    [InlineData(KlineFixtures.SpotMicroseconds)]
    [InlineData(KlineFixtures.FuturesWithHeader)]
    [InlineData(KlineFixtures.FreqtradeGap)]
    [InlineData(KlineFixtures.BybitHole)]
    public void Any_content_reads_as_bars_or_a_format_error(string fixture)
    {
        var recorded = File.ReadAllText(KlineFixtures.PathOf(fixture));
        var arbitrary = ArbMap.Default.GeneratorFor<string>().Where(s => s is not null);
        var spliced = Gen.Choose(0, recorded.Length).Two()
            .Select(t => recorded[..Math.Min(t.Item1, t.Item2)] + recorded[Math.Max(t.Item1, t.Item2)..]);
        var replaced = Gen.Choose(0, recorded.Length - 1).Zip(Gen.Elements("", ",", "\n", "x", "-1", "1e999", "NaN", "[", "]", "\"", "9999999999999999999"))
            .Select(t => recorded[..t.Item1] + t.Item2 + recorded[(t.Item1 + 1)..]);

        Prop.ForAll(Gen.OneOf(arbitrary, spliced, replaced).ToArbitrary(), content => Reads(fixture, content))
            .Check(Config.QuickThrowOnFailure.WithMaxTest(300));
    }

    private bool Reads(string name, string content)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, content);
        try
        {
            return KlineFile.Read(path).All(bar => double.IsFinite(bar.Close));
        }
        catch (KlineFormatException ex)
        {
            return ex.Path == path && ex.Line >= 1;
        }
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
