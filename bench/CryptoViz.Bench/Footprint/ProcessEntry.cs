namespace CryptoViz.Bench.Footprint;

/// <summary>One process as /proc shows it. <see cref="StartTicks"/> tells a reused pid from the process seen before.</summary>
internal sealed record ProcessEntry(int Pid, int ParentPid, int ProcessGroup, long StartTicks, string[] CommandLine)
{
    /// <summary>The file name of argv[0]: <c>dotnet</c>, <c>dcp</c>, <c>CryptoViz.Web</c>, …</summary>
    public string Program => CommandLine.Length > 0 ? Path.GetFileName(CommandLine[0]) : "";

    /// <summary>The program, or the assembly <c>dotnet</c> runs, has this name (without extension).</summary>
    public bool Runs(string name) =>
        Program == name || CommandLine.Skip(1).Any(arg => Path.GetFileName(arg) == name + ".dll");

    /// <summary><c>dotnet run --project …</c>: the SDK's wrapper, which starts the app as a child of its own.</summary>
    public bool IsDotnetRun => Program == "dotnet" && CommandLine.Contains("run") && CommandLine.Contains("--project");

    public string Text => string.Join(' ', CommandLine);
}
