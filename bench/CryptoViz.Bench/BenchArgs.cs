using System.Globalization;

namespace CryptoViz.Bench;

/// <summary><c>--name value</c> pairs and bare <c>--flag</c>s; nothing more is needed here.</summary>
internal sealed class BenchArgs(string[] args)
{
    public int GetInt(string name, int fallback) =>
        GetString(name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

    public double GetDouble(string name, double fallback) =>
        GetString(name) is { } text ? double.Parse(text, CultureInfo.InvariantCulture) : fallback;

    public string? GetString(string name)
    {
        var index = Array.IndexOf(args, "--" + name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    public bool Has(string name) => args.Contains("--" + name);
}
