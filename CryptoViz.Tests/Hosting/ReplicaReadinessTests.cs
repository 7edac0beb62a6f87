using Aspire.Hosting.ApplicationModel;
using CryptoViz.Hosting.Services;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CryptoViz.Tests.Hosting;

public sealed class ReplicaReadinessTests
{
    [Fact]
    public void A_project_reads_as_its_least_ready_replica_and_a_stopped_replica_no_longer_counts()
    {
        var reports = new ReadinessReports();

        reports.Set("ingest", "ingest-a", HealthCheckResult.Healthy("/ready: Healthy"));
        reports.Set("ingest", "ingest-b", HealthCheckResult.Degraded("/ready: Degraded"));
        reports.Set("stream", "stream-a", HealthCheckResult.Unhealthy("/ready did not answer"));
        var both = reports.Latest("ingest").Status;
        reports.Forget("ingest", "ingest-b");

        Assert.Equal(HealthStatus.Degraded, both);
        Assert.Equal(HealthStatus.Healthy, reports.Latest("ingest").Status);
        Assert.Equal(HealthStatus.Unhealthy, reports.Latest("web").Status);
    }

    [Fact]
    public void Only_a_change_of_a_replicas_status_is_news()
    {
        var reports = new ReadinessReports();

        var first = reports.Set("ingest", "ingest-a", HealthCheckResult.Healthy("/ready: Healthy"));
        var same = reports.Set("ingest", "ingest-a", HealthCheckResult.Healthy("/ready: Healthy"));
        var other = reports.Set("ingest", "ingest-b", HealthCheckResult.Healthy("/ready: Healthy"));

        Assert.True(first);
        Assert.False(same);
        Assert.True(other);
    }

    [Theory]
    [InlineData("http://localhost:29271", "http://localhost:29271/ready")]
    [InlineData("https://localhost:7001;http://localhost:29272", "http://localhost:29272/ready")]
    public void A_replica_is_probed_at_the_address_it_was_started_with(string urls, string expected)
    {
        var snapshot = new CustomResourceSnapshot
        {
            ResourceType = "Project",
            Properties = [],
            EnvironmentVariables = [new EnvironmentVariableSnapshot("ASPNETCORE_URLS", urls, IsFromSpec: true)],
        };

        Assert.Equal(new Uri(expected), new Uri(ReplicaUrl.Of(snapshot)!, "/ready"));
    }
}
