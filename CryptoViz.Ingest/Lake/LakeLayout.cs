using System.Globalization;
using DuckDB.NET.Data;

namespace CryptoViz.Ingest.Lake;

/// <summary>
/// Where the lake keeps what: <c>ticks/</c> and <c>candles/</c> (of <c>crypto-raw-data</c>) and <c>history/</c> (the providers'
/// candles of <c>crypto-candles</c>), hive-partitioned by <c>source=</c> and <c>date=</c> (UTC, of the tick's <c>event_time</c>
/// or the candle's minute), each file named by its Kafka origin (<see cref="LakeFileName"/>); and <c>_lake/</c>, the
/// writer's own checkpoint, which readers never see (Spark and Trino skip names that start with <c>_</c>).
/// </summary>
internal sealed class LakeLayout(string root)
{
    public const string Ticks = "ticks";
    public const string Candles = "candles";
    public const string History = "history";

    public static IReadOnlyList<string> Tables { get; } = [Ticks, Candles, History];

    public string Root { get; } = Path.GetFullPath(root);

    /// <summary>The lake of <see cref="LakeOptions.Path"/>, else <c>lake/</c> beside the DuckDB file of <c>ConnectionStrings:duckdb</c>.</summary>
    public static LakeLayout Resolve(LakeOptions options, IConfiguration configuration)
    {
        if (!string.IsNullOrWhiteSpace(options.Path)) return new LakeLayout(options.Path);
        var database = configuration.GetConnectionString("duckdb") is { Length: > 0 } connectionString
            ? new DuckDBConnectionStringBuilder { ConnectionString = connectionString }.DataSource
            : null;
        if (string.IsNullOrWhiteSpace(database) || database.StartsWith(":memory:", StringComparison.Ordinal))
            throw new InvalidOperationException($"{LakeOptions.SectionName}:Path is required when ConnectionStrings:duckdb names no database file.");
        return new LakeLayout(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(database))!, "lake"));
    }

    public string Directory(string table, string source, DateOnly date) =>
        Path.Combine(Root, table, $"source={source}", string.Create(CultureInfo.InvariantCulture, $"date={date:yyyy-MM-dd}"));

    /// <summary>The directory of the same source and date in another table: a segment's candles lie where its ticks do.</summary>
    public string Sibling(string directory, string table) =>
        Path.Combine(Root, table, Path.GetRelativePath(Path.Combine(Root, Ticks), directory));

    /// <summary>A partition's segment markers (<see cref="LakeCheckpoint"/>).</summary>
    public string SegmentsDirectory(string topic, int partition) =>
        Path.Combine(Root, "_lake", "segments", string.Create(CultureInfo.InvariantCulture, $"{topic}-{partition:D5}"));

    /// <summary>Every <c>source=…/date=…</c> directory of a table.</summary>
    public IEnumerable<string> Directories(string table)
    {
        var tableRoot = Path.Combine(Root, table);
        return System.IO.Directory.Exists(tableRoot)
            ? System.IO.Directory.EnumerateDirectories(tableRoot, "source=*").SelectMany(source => System.IO.Directory.EnumerateDirectories(source, "date=*"))
            : [];
    }

    /// <summary>The files of one topic partition in a directory, by offset.</summary>
    public static List<(LakeFileName Name, string Path)> FilesOf(string directory, string topic, int partition) =>
        [.. EnumerateFiles(directory, "*" + LakeFileName.Extension)
            .Select(path => (Parsed: LakeFileName.TryParse(System.IO.Path.GetFileName(path), out var name), Name: name, Path: path))
            .Where(file => file.Parsed && file.Name.Topic == topic && file.Name.Partition == partition)
            .Select(file => (file.Name, file.Path))
            .OrderBy(file => file.Name.First)];

    /// <summary>Every lake file of every table, by its path relative to the root (with <c>/</c>): what a copy of the lake holds.</summary>
    public IEnumerable<(string Key, string Path)> AllFiles() =>
        Tables.SelectMany(Directories)
            .SelectMany(directory => EnumerateFiles(directory, "*" + LakeFileName.Extension))
            .Where(path => LakeFileName.TryParse(System.IO.Path.GetFileName(path), out _))
            .Select(path => (Path.GetRelativePath(Root, path).Replace(System.IO.Path.DirectorySeparatorChar, '/'), path));

    // A directory another replica's compaction empties meanwhile is just empty.
    private static IEnumerable<string> EnumerateFiles(string directory, string pattern)
    {
        try
        {
            return System.IO.Directory.GetFiles(directory, pattern);
        }
        catch (DirectoryNotFoundException)
        {
            return [];
        }
    }
}
