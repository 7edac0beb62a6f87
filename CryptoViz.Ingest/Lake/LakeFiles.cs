namespace CryptoViz.Ingest.Lake;

/// <summary>File steps that a crash must never leave half done: a file is complete on disk before the name that readers see.</summary>
internal static class LakeFiles
{
    public static void WriteDurably(string path, ReadOnlySpan<byte> content)
    {
        using (var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            stream.Write(content);
            stream.Flush(flushToDisk: true);
        }
    }

    /// <summary>Flushes a finished temporary file to disk and renames it into place, over an identical earlier copy.</summary>
    public static long Publish(string tempPath, string path)
    {
        long bytes;
        using (var stream = new FileStream(tempPath, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
        {
            bytes = stream.Length;
            stream.Flush(flushToDisk: true);
        }

        File.Move(tempPath, path, overwrite: true);
        return bytes;
    }
}
