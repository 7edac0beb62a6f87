using Aspire.Hosting;
using Aspire.Hosting.Pipelines;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CryptoViz.Tests.Hosting.Publish;

/// <summary>
/// <c>aspire publish</c> of the real app model, once for the collection: the AppHost's own Program in publish mode,
/// run in-process by Aspire.Hosting.Testing, with known fake secrets (the CoinMarketCap key, the lake's S3 keys) that
/// must end up nowhere.
/// </summary>
public sealed class PublishFixture : IAsyncLifetime
{
    public const string FakeSecret = "cmc-test-key-5f1d0c8e-never-published";
    public const string FakeS3AccessKey = "s3-access-key-9b27e4a1-never-published";
    public const string FakeS3SecretKey = "s3-secret-key-0c6f3d72-never-published";

    public static IReadOnlyList<string> FakeSecrets { get; } = [FakeSecret, FakeS3AccessKey, FakeS3SecretKey];

    private const string StateEnvironment = "PublishTest";

    private static readonly TimeSpan s_publishTimeout = TimeSpan.FromMinutes(3);

    public string OutputDirectory { get; } = Directory.CreateTempSubdirectory("cryptoviz-publish-").FullName;

    public string ComposeDirectory => Path.Combine(OutputDirectory, "compose");

    public string KubernetesDirectory => Path.Combine(OutputDirectory, "k8s");

    public async ValueTask InitializeAsync() => await PublishAsync(OutputDirectory);

    /// <summary>Runs the publish pipeline into <paramref name="outputDirectory"/>, as <c>aspire publish -o</c> does.</summary>
    public static async Task PublishAsync(string outputDirectory)
    {
        using var cts = new CancellationTokenSource(s_publishTimeout);
        var appHost = await DistributedApplicationTestingBuilder.CreateAsync<Projects.CryptoViz_AppHost>(
            ["--operation", "publish", "--step", "publish", "--output-path", outputDirectory,
             "--environment", StateEnvironment, $"Parameters:coinmarketcap-api-key={FakeSecret}",
             $"Parameters:lake-s3-access-key={FakeS3AccessKey}", $"Parameters:lake-s3-secret-key={FakeS3SecretKey}"], cts.Token);
        await using var app = await appHost.BuildAsync(cts.Token);
#pragma warning disable ASPIREPIPELINES002 // IDeploymentStateManager: experimental in Aspire 13.6.
        var state = app.Services.GetRequiredService<IDeploymentStateManager>();
#pragma warning restore ASPIREPIPELINES002
        await app.RunAsync(cts.Token);

        // Aspire keeps the parameter values of a publish in a per-environment state file under ~/.aspire; the fake
        // secrets must not linger there. The environment is the test's own, so no user's saved state is touched.
#pragma warning disable ASPIREPIPELINES002
        var statePath = state.StateFilePath;
#pragma warning restore ASPIREPIPELINES002
        if (statePath is not null)
        {
            File.Delete(statePath);
            File.Delete($"{statePath}.migration");
        }
    }

    public ValueTask DisposeAsync()
    {
        Directory.Delete(OutputDirectory, recursive: true);
        return ValueTask.CompletedTask;
    }
}
