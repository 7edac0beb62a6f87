using System.Diagnostics;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using CryptoViz.Tests.Hosting.Publish;

namespace CryptoViz.Tests.EndToEnd;

[Collection(AppHostCollection.Name)]
public sealed class SupervisorTests(AppHostFixture fixture)
{
    [Fact]
    public async Task A_killed_service_is_restarted_and_becomes_healthy_again()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var notifications = fixture.App.ResourceNotifications;
        await notifications.WaitForResourceHealthyAsync("scraper", cts.Token);
        var before = Pid(await notifications.WaitForResourceAsync("scraper", e => Pid(e) is not null, cts.Token));

        // executable.pid is the `dotnet run` wrapper DCP started; the service is its child. SIGKILL the service:
        // a crash, not a stop. (Killing the wrapper instead would orphan the service.)
        Process.GetProcessById(ChildOf(before!.Value)).Kill();

        var restarted = await notifications.WaitForResourceAsync("scraper",
            e => e.Snapshot.State?.Text == KnownResourceStates.Running && Pid(e) is { } pid && pid != before, cts.Token);
        await notifications.WaitForResourceHealthyAsync("scraper", cts.Token);
        Assert.NotEqual(before, Pid(restarted));
    }

    [Fact]
    public async Task A_hung_service_is_killed_restarted_and_becomes_healthy_again()
    {
        // Hung for 5 failed probes of up to 5 s each, then a `dotnet run` start: minutes, on a loaded 2-core runner.
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var notifications = fixture.App.ResourceNotifications;
        await notifications.WaitForResourceHealthyAsync("scraper", cts.Token);
        var before = Pid(await notifications.WaitForResourceAsync("scraper", e => Pid(e) is not null, cts.Token));
        var service = ChildOf(before!.Value);

        // SIGSTOP: the classic hang. The process lives on and its port still accepts connections, but nothing answers.
        await SignalAsync(service, "STOP", cts.Token);
        try
        {
            var restarted = await notifications.WaitForResourceAsync("scraper",
                e => e.Snapshot.State?.Text == KnownResourceStates.Running && Pid(e) is { } pid && pid != before, cts.Token);
            await notifications.WaitForResourceHealthyAsync("scraper", cts.Token);
            Assert.NotEqual(before, Pid(restarted));
        }
        finally
        {
            // Left stopped, a failed run would hold the scraper's port for the rest of the collection.
            if (StateOf(service) == 'T') await SignalAsync(service, "CONT", CancellationToken.None);
        }
    }

    private static async Task SignalAsync(int pid, string signal, CancellationToken ct)
    {
        var (exitCode, _, error) = await CommandLine.RunAsync("kill", [$"-{signal}", $"{pid}"], Environment.CurrentDirectory, ct);
        Assert.True(exitCode == 0, error);
    }

    private static char? StateOf(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[stat.LastIndexOf(')') + 2];
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static int ChildOf(int parent) =>
        Directory.EnumerateDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), out var pid) ? pid : 0)
            .Where(pid => pid > 0)
            .FirstOrDefault(pid => ParentOf(pid) == parent) is var child and > 0
            ? child
            : throw new InvalidOperationException($"process {parent} has no child");

    private static int? ParentOf(int pid)
    {
        try
        {
            // /proc/<pid>/stat: "pid (comm) state ppid ..."; comm may hold spaces, so split after its ')'.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1]);
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static int? Pid(ResourceEvent e) =>
        e.Snapshot.Properties.FirstOrDefault(p => p.Name == "executable.pid")?.Value is { } value
        && int.TryParse(value.ToString(), out var pid) ? pid : null;
}
