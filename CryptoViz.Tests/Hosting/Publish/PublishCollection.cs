namespace CryptoViz.Tests.Hosting.Publish;

[CollectionDefinition(Name)]
public sealed class PublishCollection : ICollectionFixture<PublishFixture>
{
    public const string Name = "publish";
}
