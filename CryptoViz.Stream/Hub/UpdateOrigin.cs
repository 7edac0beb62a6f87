namespace CryptoViz.Stream.Hub;

/// <summary>Where a <c>crypto_update</c> came from; V2 told them apart by the envelope's <c>source</c>.</summary>
internal enum UpdateOrigin
{
    Broker,
    TestEndpoint,
}
