namespace CryptoViz.Tests.Hosting.Publish;

[Collection(PublishCollection.Name)]
public sealed class PublishedSecretTests(PublishFixture publish)
{
    [Fact]
    public void No_configured_secret_value_appears_in_any_published_file()
    {
        var files = PublishedFiles.ReadAll(publish.OutputDirectory);

        Assert.NotEmpty(files);
        Assert.All(files, f => Assert.All(PublishFixture.FakeSecrets, secret => Assert.DoesNotContain(secret, f.Value)));
    }
}
