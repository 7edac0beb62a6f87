using System.Diagnostics;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;

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

        Process.GetProcessById(before!.Value).Kill(); // SIGKILL: a crash, not a stop

        var restarted = await notifications.WaitForResourceAsync("scraper",
            e => e.Snapshot.State?.Text == KnownResourceStates.Running && Pid(e) is { } pid && pid != before, cts.Token);
        await notifications.WaitForResourceHealthyAsync("scraper", cts.Token);
        Assert.NotEqual(before, Pid(restarted));
    }

    private static int? Pid(ResourceEvent e) =>
        e.Snapshot.Properties.FirstOrDefault(p => p.Name == "executable.pid")?.Value is { } value
        && int.TryParse(value.ToString(), out var pid) ? pid : null;
}
