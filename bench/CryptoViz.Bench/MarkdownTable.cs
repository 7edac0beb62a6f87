using System.Globalization;

namespace CryptoViz.Bench;

/// <summary>Prints results as a Markdown table, so a run can be pasted into an issue as it is.</summary>
internal static class MarkdownTable
{
    public static void Print(string[] headers, IEnumerable<string[]> rows)
    {
        Console.WriteLine();
        Console.WriteLine($"| {string.Join(" | ", headers)} |");
        Console.WriteLine($"|{string.Concat(headers.Select(_ => " --- |"))}");
        foreach (var row in rows)
        {
            Console.WriteLine($"| {string.Join(" | ", row)} |");
        }

        Console.WriteLine();
    }

    public static string N(double value, string format = "N0") => value.ToString(format, CultureInfo.InvariantCulture);
}
