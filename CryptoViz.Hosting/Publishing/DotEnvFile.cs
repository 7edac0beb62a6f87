using System.Text;

namespace CryptoViz.Hosting.Publishing;

/// <summary>
/// A documented <c>KEY=value</c> file the user fills in. Publishing again rewrites keys and comments but keeps
/// every value already there, and any key it no longer knows: Aspire's compose publisher once overwrote
/// hand-edited <c>.env</c> files, which loses secrets.
/// </summary>
public static class DotEnvFile
{
    public static async Task WriteAsync(string path, string header, IReadOnlyList<DotEnvEntry> entries, CancellationToken cancellationToken)
    {
        var existing = File.Exists(path) ? Parse(await File.ReadAllLinesAsync(path, cancellationToken)) : [];
        var text = new StringBuilder();
        foreach (var line in header.Split('\n'))
        {
            text.Append("# ").Append(line).Append('\n');
        }

        foreach (var entry in entries)
        {
            text.Append('\n').Append("# ").Append(entry.Comment).Append('\n');
            text.Append(entry.Key).Append('=').Append(existing.GetValueOrDefault(entry.Key, entry.DefaultValue)).Append('\n');
        }

        var kept = existing.Where(e => entries.All(n => n.Key != e.Key)).ToList();
        if (kept.Count > 0)
        {
            text.Append('\n').Append("# Kept from the previous file: no longer used by the app model.\n");
            foreach (var (key, value) in kept)
            {
                text.Append(key).Append('=').Append(value).Append('\n');
            }
        }

        await File.WriteAllTextAsync(path, text.ToString(), cancellationToken);
    }

    public static Dictionary<string, string> Parse(IEnumerable<string> lines)
    {
        var values = new Dictionary<string, string>();
        foreach (var line in lines.Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')))
        {
            var equals = line.IndexOf('=');
            if (equals > 0) values[line[..equals].Trim()] = line[(equals + 1)..];
        }

        return values;
    }
}
