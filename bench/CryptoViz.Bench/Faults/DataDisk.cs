using System.Diagnostics;

namespace CryptoViz.Bench.Faults;

/// <summary>
/// Ingest's DuckDB folder on a tmpfs of its own, so that a filler file can make it full without touching the machine's
/// disk. Mounting needs root; otherwise the folder is a plain temp folder and the disk scenario says why it cannot run.
/// </summary>
internal sealed class DataDisk : IDisposable
{
    private const int Chunk = 1024 * 1024;

    private readonly string _root;

    private DataDisk(string root, string? cannotFill)
    {
        _root = root;
        CannotFill = cannotFill;
    }

    /// <summary>Where the AppHost puts the DuckDB file (<c>DuckDB:DataDirectory</c>).</summary>
    public string Directory => _root;

    /// <summary>Why this folder cannot be made full, or null when it can.</summary>
    public string? CannotFill { get; }

    private string FillerPath => Path.Combine(_root, "filler");

    public static DataDisk Mount(int megabytes)
    {
        var root = System.IO.Directory.CreateTempSubdirectory("cryptoviz-faults-").FullName;
        if (!Environment.IsPrivilegedProcess) return new DataDisk(root, "not root: mounting a tmpfs needs root");
        var (exitCode, output) = Run("mount", "-t", "tmpfs", "-o", $"size={megabytes}m", "tmpfs", root);
        return exitCode == 0 ? new DataDisk(root, null) : new DataDisk(root, $"mount -t tmpfs failed: {output}");
    }

    /// <summary>Writes a filler file until the file system refuses more.</summary>
    /// <returns>The filler's size.</returns>
    public long Fill()
    {
        using var filler = new FileStream(FillerPath, FileMode.CreateNew, FileAccess.Write, FileShare.Read, bufferSize: 0);
        var zeros = new byte[Chunk];
        // The last bytes go in ever smaller pieces, down to a page: nothing a DuckDB write could still use is left.
        for (var size = Chunk; size >= 4096; size /= 2)
        {
            while (TryWrite(filler, zeros.AsSpan(0, size)))
            {
            }
        }

        return filler.Length;
    }

    public void Free() => File.Delete(FillerPath);

    /// <summary>Used and total bytes of the file system, as <c>df</c> shows them.</summary>
    public (long Used, long Size) Usage()
    {
        var drive = new DriveInfo(_root);
        return (drive.TotalSize - drive.TotalFreeSpace, drive.TotalSize);
    }

    private static bool TryWrite(FileStream file, ReadOnlySpan<byte> bytes)
    {
        try
        {
            file.Write(bytes);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        if (CannotFill is null)
        {
            var (exitCode, output) = Run("umount", _root);
            if (exitCode != 0) Console.Error.WriteLine($"faults: umount {_root} failed: {output}");
        }

        try
        {
            System.IO.Directory.Delete(_root, recursive: true);
        }
        catch (IOException e)
        {
            Console.Error.WriteLine($"faults: {_root} left behind: {e.Message}");
        }
    }

    private static (int ExitCode, string Output) Run(string program, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output.Trim());
    }
}
