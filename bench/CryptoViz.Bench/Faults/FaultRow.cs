using static CryptoViz.Bench.MarkdownTable;

namespace CryptoViz.Bench.Faults;

/// <summary>One line of the table; <see cref="Count"/> null when the scenario was skipped.</summary>
internal sealed record FaultRow(string Scenario, string Injected, TickCount? Count, string Recovery, IReadOnlyList<string> Notes)
{
    public static readonly string[] Headers =
        ["scenario", "injected", "published", "stored", "duplicates", "lost", "seconds to recover", "notes"];

    public static FaultRow Skipped(string scenario, string reason) => new(scenario, "skipped: " + reason, null, "", []);

    public string[] Cells() =>
    [
        .. new[]
        {
            Scenario, Injected,
            Count is { } c ? N(c.Published) : "", Count is { } s ? N(s.Stored) : "",
            Count is { } d ? N(d.Duplicates) : "", Count is { } l ? N(l.Lost) : "",
            Recovery, string.Join("; ", Notes),
        }.Select(cell => cell.Replace("|", "\\|", StringComparison.Ordinal)),
    ];
}
