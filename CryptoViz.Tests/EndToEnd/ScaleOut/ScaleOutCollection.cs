namespace CryptoViz.Tests.EndToEnd.ScaleOut;

/// <summary>The app model with replicas, run on its own after the parallel collections, as the other end-to-end one.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ScaleOutCollection : ICollectionFixture<ScaleOutFixture>
{
    public const string Name = "scale-out";
}
