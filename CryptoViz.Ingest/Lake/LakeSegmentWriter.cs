using System.Diagnostics;
using DuckDB.NET.Data;
using CryptoViz.Ingest.Storage;

namespace CryptoViz.Ingest.Lake;

/// <summary>
/// Writes a partition's segment to the lake in three steps, each safe to be the last before a crash: its cut
/// (<see cref="LakeCheckpoint.Intend"/>), its files (per source and date, ticks and their candles, each written under a
/// temporary name and renamed into place), its commit. A rewrite after a crash makes the same files: the cut is the one
/// written down, and the rows are a function of the records in the range and the partition's earlier rows in the lake.
/// Used by one thread at a time (the lake's consume loop).
/// </summary>
internal sealed class LakeSegmentWriter(LakeLayout layout, LakeTelemetry telemetry) : IDisposable
{
    private readonly LakeDuckDB _duckdb = new();
    private readonly List<int> _rows = [];

    public LakeCheckpoint Checkpoint { get; } = new(layout);

    /// <returns>The files put in place, and how many tick rows they hold.</returns>
    public (IReadOnlyList<LakeFile> Files, long Rows) Write(LakeSegment segment)
    {
        using var activity = IngestTelemetry.Source.StartActivity("lake segment");
        activity?.SetTag("messaging.destination.name", segment.Topic);
        activity?.SetTag("messaging.destination.partition.id", segment.Partition.ToString(System.Globalization.CultureInfo.InvariantCulture));
        activity?.SetTag("cryptoviz.lake.first_offset", segment.First);
        activity?.SetTag("cryptoviz.lake.last_offset", segment.Last);
        var started = Stopwatch.GetTimestamp();

        Checkpoint.Intend(segment.Name);
        var files = WriteFiles(segment, out var rows);
        Checkpoint.Commit(segment.Name);

        activity?.SetTag("cryptoviz.lake.rows", rows);
        activity?.SetTag("cryptoviz.lake.files", files.Count);
        telemetry.Segments.Add(1);
        telemetry.Rows.Add(rows);
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
    /// <param name="rows">How many tick rows they hold.</param>
    internal IReadOnlyList<LakeFile> WriteFiles(LakeSegment segment, out long rows)
    {
        var connection = _duckdb.Connection;
        var files = new List<LakeFile>();
        rows = 0;
        if (segment.Rows.Count == 0) return files;
        try
        {
            _rows.Clear();
            for (var row = 0; row < segment.Rows.Count; row++) _rows.Add(row);
            using (var appender = connection.CreateAppender("crypto_prices")) segment.Rows.AppendTo(appender, _rows);

            foreach (var (source, date) in Directories(connection))
            {
                var fresh = StageFresh(connection, segment, source, date);
                if (fresh == 0) continue;
                rows += fresh;
                files.AddRange(LakePublish.Pair(connection, layout, layout.Directory(LakeLayout.Ticks, source, date), segment.Name, LakeSql.CopyFresh));
            }
        }
        finally
        {
            connection.Execute(LakeSql.ClearStage);
        }

        return files;
    }

    private static List<(string Source, DateOnly Date)> Directories(DuckDBConnection connection)
    {
        using var command = connection.Command(LakeSql.Directories);
        using var reader = command.ExecuteReader();
        var directories = new List<(string, DateOnly)>();
        while (reader.Read()) directories.Add((reader.GetString(0), DateOnly.FromDateTime(reader.GetDateTime(1))));
        return directories;
    }

    /// <returns>How many of the directory's staged rows are new to the lake.</returns>
    private long StageFresh(DuckDBConnection connection, LakeSegment segment, string source, DateOnly date)
    {
        var from = date.ToDateTime(TimeOnly.MinValue);
        (string, object)[] range = [("source", source), ("from", from), ("to", from.AddDays(1))];
        var earlier = LakeLayout.FilesOf(layout.Directory(LakeLayout.Ticks, source, date), segment.Topic, segment.Partition)
            .Where(file => file.Name.Last < segment.First)
            .Select(file => file.Path)
            .ToList();
        if (earlier.Count == 0)
        {
            connection.Execute(LakeSql.StageFresh(earlier), range);
        }
        else
        {
            using var earliest = connection.Command(LakeSql.Earliest, range);
            connection.Execute(LakeSql.StageFresh(earlier), [.. range, ("earliest", earliest.ExecuteScalar()!)]);
        }

        using var count = connection.Command(LakeSql.CountFresh);
        return Convert.ToInt64(count.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public void Dispose() => _duckdb.Dispose();
}
