namespace CryptoViz.Tests.Hosting.Publish;

/// <summary>
/// <c>deploy/</c> holds what <c>aspire publish</c> writes, so a change to the app model shows in review as a change
/// to the compose file or the manifests. Regenerate with <c>dotnet aspire publish -o deploy</c>.
/// </summary>
[Collection(PublishCollection.Name)]
public sealed class DeploySnapshotTests(PublishFixture publish)
{
    [Theory]
    [InlineData("compose")]
    [InlineData("k8s")]
    public void The_deploy_folder_matches_a_fresh_publish(string environment)
    {
        var snapshot = PublishedFiles.ReadAll(Path.Combine(RepositoryRoot.Path, "deploy", environment));
        var fresh = PublishedFiles.ReadAll(Path.Combine(publish.OutputDirectory, environment));

        Assert.Equal(fresh.Keys, snapshot.Keys);
        foreach (var (path, text) in fresh)
        {
            Assert.True(text == snapshot[path],
                $"deploy/{environment}/{path} differs from a fresh publish: run `dotnet aspire publish -o deploy` and review the diff.");
        }
    }
}
