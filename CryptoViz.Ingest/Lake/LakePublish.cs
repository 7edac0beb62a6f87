using CryptoViz.Ingest.Storage;
using DuckDB.NET.Data;

namespace CryptoViz.Ingest.Lake;

/// <summary>Puts files in place: written under a temporary name by DuckDB, flushed, renamed. A tick file's candles follow it.</summary>
internal static class LakePublish
{
    /// <summary>A tick file, written by <paramref name="copyTicks"/> (given the temporary path), and its candles.</summary>
    public static LakeFile[] Pair(DuckDBConnection connection, LakeLayout layout, string ticksDirectory, LakeFileName name, Func<string, string> copyTicks)
    {
        var ticks = One(connection, LakeLayout.Ticks, ticksDirectory, name, copyTicks);
        return [ticks, Candles(connection, layout, ticks.Path, name)];
    }

    /// <summary>The candles of a tick file that is in place, beside it in <c>candles/</c>.</summary>
    public static LakeFile Candles(DuckDBConnection connection, LakeLayout layout, string tickFile, LakeFileName name) =>
        One(connection, LakeLayout.Candles, layout.Sibling(Path.GetDirectoryName(tickFile)!, LakeLayout.Candles), name,
            temp => LakeSql.CopyCandles(tickFile, temp));

    /// <summary>One file of <paramref name="table"/>, written by <paramref name="copy"/> (given the temporary path).</summary>
    public static LakeFile One(DuckDBConnection connection, string table, string directory, LakeFileName name, Func<string, string> copy)
    {
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, name.TempFileName);
        var path = Path.Combine(directory, name.FileName);
        connection.Execute(copy(temp));
        return new LakeFile(table, path, LakeFiles.Publish(temp, path));
    }
}
