namespace CryptoViz.Tests.Hosting.Publish;

[Collection(PublishCollection.Name)]
public sealed class PublishedSecretTests(PublishFixture publish)
{
    [Fact]
    public void The_configured_secret_value_appears_in_no_published_file()
    {
        var files = PublishedFiles.ReadAll(publish.OutputDirectory);

        Assert.NotEmpty(files);
        Assert.All(files, f => Assert.DoesNotContain(PublishFixture.FakeSecret, f.Value));
    }
}
