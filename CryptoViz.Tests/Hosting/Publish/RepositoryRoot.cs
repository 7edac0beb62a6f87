namespace CryptoViz.Tests.Hosting.Publish;

internal static class RepositoryRoot
{
    /// <summary>The folder holding CryptoViz.sln, found upwards from the test binaries.</summary>
    public static string Path { get; } = Find(AppContext.BaseDirectory);

    private static string Find(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "CryptoViz.sln"))) return directory.FullName;
        }

        throw new InvalidOperationException($"No CryptoViz.sln above {start}");
    }
}
