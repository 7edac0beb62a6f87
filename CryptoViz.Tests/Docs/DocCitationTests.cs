using System.Text;
using System.Text.RegularExpressions;
using CryptoViz.Tests.Hosting.Publish;

namespace CryptoViz.Tests.Docs;

/// <summary>
/// Everything the code and docs cite must be in the repository: a citation <c>docs/&lt;page&gt;.md#&lt;anchor&gt;</c>
/// names a page under <c>docs/</c> and a heading in it, links inside <c>docs/</c> resolve, and nothing points at
/// documents that a clone does not have.
/// </summary>
public sealed partial class DocCitationTests
{
    private static readonly string[] s_sourceExtensions = [".cs", ".razor", ".csproj", ".props", ".md", ".js", ".json"];

    // Build output, restored packages and generated deploy files; dot-folders (.git, .aspire, IDE state) too.
    private static readonly HashSet<string> s_skippedFolders =
        new(["bin", "obj", "node_modules", "deploy", "artifacts", "TestResults", "out"], StringComparer.Ordinal);

    // The index may be cited as a whole; every other page by one of its headings.
    private const string IndexPage = "README.md";

    // Names the retired citation forms in order to forbid them.
    private const string ThisFile = "CryptoViz.Tests/Docs/DocCitationTests.cs";

    private static string DocsFolder => Path.Combine(RepositoryRoot.Path, "docs");

    [Fact]
    public void Every_citation_names_a_doc_page_and_a_heading_in_it()
    {
        var problems = new List<string>();
        var citations = 0;
        foreach (var (file, number, line) in SourceLines())
        {
            foreach (Match citation in Citation().Matches(line))
            {
                citations++;
                var page = citation.Groups["page"].Value;
                var anchor = citation.Groups["anchor"];
                if (!File.Exists(Path.Combine(DocsFolder, page)))
                {
                    problems.Add($"{file}:{number}: {citation.Value}: no docs/{page}");
                }
                else if (!anchor.Success)
                {
                    if (page != IndexPage) problems.Add($"{file}:{number}: {citation.Value}: name a heading, as docs/{page}#<anchor>");
                }
                else if (!Anchors(page).Contains(anchor.Value))
                {
                    problems.Add($"{file}:{number}: {citation.Value}: no heading with anchor #{anchor.Value} in docs/{page}");
                }
            }
        }

        Assert.True(citations > 0, "no citation found: is the repository root right?");
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void Links_and_code_paths_in_the_docs_resolve()
    {
        var problems = new List<string>();
        foreach (var page in Directory.EnumerateFiles(DocsFolder, "*.md"))
        {
            var name = Path.GetFileName(page);
            foreach (var (number, line) in Numbered(File.ReadLines(page)))
            {
                foreach (Match link in RelativeLink().Matches(line))
                {
                    var target = link.Groups["page"].Success ? link.Groups["page"].Value : name;
                    var anchor = link.Groups["anchor"];
                    if (!File.Exists(Path.Combine(DocsFolder, target)))
                    {
                        problems.Add($"docs/{name}:{number}: link to {target}: no such page");
                    }
                    else if (anchor.Success && !Anchors(target).Contains(anchor.Value))
                    {
                        problems.Add($"docs/{name}:{number}: link to {target}#{anchor.Value}: no such heading");
                    }
                }

                foreach (Match path in CodePath().Matches(line))
                {
                    var full = Path.Combine(RepositoryRoot.Path, path.Groups["path"].Value);
                    if (!File.Exists(full) && !Directory.Exists(full))
                    {
                        problems.Add($"docs/{name}:{number}: `{path.Groups["path"].Value}` does not exist");
                    }
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void Nothing_cites_documents_outside_the_repository()
    {
        var problems = new List<string>();
        foreach (var (file, number, line) in SourceLines())
        {
            if (file == ThisFile) continue;
            problems.AddRange(Outside().Matches(line).Select(match => $"{file}:{number}: mentions \"{match.Value}\""));
            if (SectionSign().IsMatch(line)) problems.Add($"{file}:{number}: a § citation; cite docs/<page>.md#<anchor>");
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Theory]
    [InlineData("SSE: GET /stream", "sse-get-stream")]
    [InlineData("What we changed", "what-we-changed")]
    [InlineData("Write-ahead log and checkpoints", "write-ahead-log-and-checkpoints")]
    [InlineData("One process, one writer", "one-process-one-writer")]
    public void Anchors_follow_GitHub(string heading, string anchor) => Assert.Equal(anchor, Anchor(heading));

    /// <summary>Every line of the source files, with its file relative to the root (forward slashes) and 1-based number.</summary>
    private static IEnumerable<(string File, int Number, string Line)> SourceLines() =>
        from path in SourceFiles(RepositoryRoot.Path)
        let file = Path.GetRelativePath(RepositoryRoot.Path, path).Replace('\\', '/')
        from numbered in Numbered(File.ReadLines(path))
        select (file, numbered.Number, numbered.Line);

    private static IEnumerable<string> SourceFiles(string folder)
    {
        foreach (var path in Directory.EnumerateFiles(folder))
        {
            if (s_sourceExtensions.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase)) yield return path;
        }

        foreach (var child in Directory.EnumerateDirectories(folder))
        {
            var name = Path.GetFileName(child);
            if (name.StartsWith('.') || s_skippedFolders.Contains(name) || IsCopiedFrontEndLibrary(child)) continue;
            foreach (var path in SourceFiles(child)) yield return path;
        }
    }

    // wwwroot/lib holds what the Web build copies out of node_modules: not ours, and git-ignored.
    private static bool IsCopiedFrontEndLibrary(string folder) =>
        Path.GetFileName(folder) == "lib" && Path.GetFileName(Path.GetDirectoryName(folder)) == "wwwroot";

    private static IEnumerable<(int Number, string Line)> Numbered(IEnumerable<string> lines) =>
        lines.Select((line, index) => (index + 1, line));

    /// <summary>The anchors GitHub gives the headings of a docs page, outside fenced code blocks.</summary>
    private static HashSet<string> Anchors(string page)
    {
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        var inFence = false;
        foreach (var line in File.ReadLines(Path.Combine(DocsFolder, page)))
        {
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal)) inFence = !inFence;
            if (inFence || Heading().Match(line) is not { Success: true } heading) continue;

            var anchor = Anchor(heading.Groups["text"].Value);
            // A repeated heading gets -1, -2, ... as on GitHub.
            var unique = anchor;
            for (var i = 1; !anchors.Add(unique); i++) unique = $"{anchor}-{i}";
        }

        return anchors;
    }

    /// <summary>GitHub's rule: lower case, letters, digits, '-' and '_' kept, spaces to '-', everything else dropped.</summary>
    internal static string Anchor(string heading)
    {
        var anchor = new StringBuilder();
        foreach (var c in heading.Trim().ToLowerInvariant())
        {
            if (char.IsLetterOrDigit(c) || c is '-' or '_') anchor.Append(c);
            else if (c == ' ') anchor.Append('-');
        }

        return anchor.ToString();
    }

    // Not inside a longer path or URL: a docs folder deeper in the tree, or on a web site, is no citation.
    [GeneratedRegex(@"(?<![\w./-])docs/(?<page>[\w.-]+\.md)(?:#(?<anchor>[\w-]+))?")]
    private static partial Regex Citation();

    [GeneratedRegex(@"\]\((?:(?<page>[\w.-]+\.md))?(?:#(?<anchor>[\w-]+))?\)")]
    private static partial Regex RelativeLink();

    // Repository paths the docs name in backticks, e.g. `CryptoViz.Hosting/Kafka/MockCluster.cs` or `bench/README.md`.
    [GeneratedRegex(@"`(?<path>(?:CryptoViz\.[\w]+|bench|\.ci)/[\w./-]*)`")]
    private static partial Regex CodePath();

    [GeneratedRegex(@"^#{1,6}\s+(?<text>.+?)\s*#*\s*$")]
    private static partial Regex Heading();

    // The retired citation forms: the V2 notes by name, and the folder beside the repository with its subfolders.
    [GeneratedRegex(@"seed contract|\.\./shared\b|\bshared/(?:docs|data|tools)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Outside();

    [GeneratedRegex(@"§\s*\d")]
    private static partial Regex SectionSign();
}
