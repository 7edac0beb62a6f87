namespace CryptoViz.Tests.EndToEnd;

/// <summary>
/// One running app model for every end-to-end test, run on its own after the parallel collections: the app's
/// broker and health checks live in this test process, and a thread pool busy with hundreds of other tests
/// starves them into time-outs that no user would ever see.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AppHostCollection : ICollectionFixture<AppHostFixture>
{
    public const string Name = "apphost";
}
