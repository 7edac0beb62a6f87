using System.Diagnostics;
using DuckDB.NET.Data;
using CryptoViz.Ingest.Storage;

namespace CryptoViz.Ingest.Lake;

/// <summary>
/// Writes a partition's segment to the lake in three steps, each safe to be the last before a crash: its cut
/// (<see cref="LakeCheckpoint.Intend"/>), its files (per source and date, ticks and their candles, each written under a
/// temporary name and renamed into place; a segment of <c>crypto-candles</c> has history files only), its commit. A rewrite after a crash makes the same files: the cut is the one
/// written down, and the rows are a function of the records in the range and the partition's earlier rows in the lake.
/// Used by one thread at a time (the lake's consume loop).
/// </summary>
internal sealed class LakeSegmentWriter(LakeLayout layout, LakeTelemetry telemetry) : IDisposable
{
    private static readonly StagedTable s_ticks = new(LakeLayout.Ticks, LakeSql.Directories, LakeSql.Earliest, LakeSql.StageFresh);
    private static readonly StagedTable s_history = new(LakeLayout.History, LakeSql.HistoryDirectories, LakeSql.HistoryEarliest, LakeSql.StageFreshHistory);

    private readonly LakeDuckDB _duckdb = new();
    private readonly List<int> _rows = [];

    public LakeCheckpoint Checkpoint { get; } = new(layout);

    /// <returns>The files put in place, and how many tick (history: candle) rows they hold.</returns>
    public (IReadOnlyList<LakeFile> Files, long Rows) Write(LakeSegment segment)
    {
        using var activity = IngestTelemetry.Source.StartActivity("lake segment");
        activity?.SetTag("messaging.destination.name", segment.Topic);
        activity?.SetTag("messaging.destination.partition.id", segment.Partition.ToString(System.Globalization.CultureInfo.InvariantCulture));
        activity?.SetTag("cryptoviz.lake.first_offset", segment.First);
        activity?.SetTag("cryptoviz.lake.last_offset", segment.Last);
        var started = Stopwatch.GetTimestamp();

        Checkpoint.Intend(segment.Name, segment.LastRecord);
        var files = WriteFiles(segment, out var rows);
        Checkpoint.Commit(segment.Name);

        activity?.SetTag("cryptoviz.lake.rows", rows);
        activity?.SetTag("cryptoviz.lake.files", files.Count);
        telemetry.Segments.Add(1);
        telemetry.Rows.Add(rows, new KeyValuePair<string, object?>("table", segment.IsHistory ? LakeLayout.History : LakeLayout.Ticks));
        telemetry.Skipped.Add(segment.Skipped);
        telemetry.Duplicates.Add(segment.Duplicates + segment.Rows.Count - rows);
        Count(telemetry, files, "segment");
        telemetry.SegmentDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);
        return (files, rows);
    }

    public static void Count(LakeTelemetry telemetry, IEnumerable<LakeFile> files, string writer)
    {
        foreach (var file in files)
        {
            var tags = new TagList { { "table", file.Table }, { "writer", writer } };
            telemetry.Files.Add(1, tags);
            telemetry.Bytes.Add(file.Bytes, tags);
        }
    }

    /// <summary>The second step alone: the segment's files, put in place but not committed.</summary>
    /// <param name="rows">How many tick (history: candle) rows they hold.</param>
    internal IReadOnlyList<LakeFile> WriteFiles(LakeSegment segment, out long rows)
    {
        var connection = _duckdb.Connection;
        var files = new List<LakeFile>();
        rows = 0;
        if (segment.Rows.Count == 0 && segment.History.Count == 0) return files;
        try
        {
            if (segment.IsHistory)
            {
                using (var appender = connection.CreateAppender(LakeSql.HistoryStage)) segment.History.AppendTo(appender);
            }
            else
            {
                _rows.Clear();
                for (var row = 0; row < segment.Rows.Count; row++) _rows.Add(row);
                using var appender = connection.CreateAppender("crypto_prices");
                segment.Rows.AppendTo(appender, _rows);
            }

            var table = segment.IsHistory ? s_history : s_ticks;
            foreach (var (source, date) in Directories(connection, table.Directories))
            {
                var directory = layout.Directory(table.Name, source, date);
                var fresh = StageFresh(connection, segment, table, directory, source, date);
                if (fresh == 0) continue;
                rows += fresh;
                files.AddRange(segment.IsHistory
                    ? [LakePublish.One(connection, LakeLayout.History, directory, segment.Name, LakeSql.CopyFreshHistory)]
                    : LakePublish.Pair(connection, layout, directory, segment.Name, LakeSql.CopyFresh));
            }
        }
        finally
        {
            connection.Execute(LakeSql.ClearStage);
        }

        return files;
    }

    private static List<(string Source, DateOnly Date)> Directories(DuckDBConnection connection, string sql)
    {
        using var command = connection.Command(sql);
        using var reader = command.ExecuteReader();
        var directories = new List<(string, DateOnly)>();
        while (reader.Read()) directories.Add((reader.GetString(0), DateOnly.FromDateTime(reader.GetDateTime(1))));
        return directories;
    }

    /// <returns>How many of the directory's staged rows are new to the lake.</returns>
    private static long StageFresh(DuckDBConnection connection, LakeSegment segment, StagedTable table, string directory, string source, DateOnly date)
    {
        var from = date.ToDateTime(TimeOnly.MinValue);
        (string, object)[] range = [("source", source), ("from", from), ("to", from.AddDays(1))];
        var earlier = LakeLayout.FilesOf(directory, segment.Topic, segment.Partition)
            .Where(file => file.Name.Last < segment.First)
            .Select(file => file.Path)
            .ToList();
        if (earlier.Count == 0)
        {
            connection.Execute(table.StageFresh(earlier), range);
        }
        else
        {
            using var earliest = connection.Command(table.Earliest, range);
            connection.Execute(table.StageFresh(earlier), [.. range, ("earliest", earliest.ExecuteScalar()!)]);
        }

        using var count = connection.Command(LakeSql.CountFresh);
        return Convert.ToInt64(count.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public void Dispose() => _duckdb.Dispose();

    // What a segment of each topic stages and where its rows go.
    private sealed record StagedTable(string Name, string Directories, string Earliest, Func<IReadOnlyList<string>, string> StageFresh);
}
