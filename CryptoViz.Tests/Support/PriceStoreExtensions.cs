using CryptoViz.Ingest.Storage;
using CryptoViz.Contracts.Messaging;

namespace CryptoViz.Tests.Support;

/// <summary>Tests write ticks as records; the service writes the rows its batch built.</summary>
internal static class PriceStoreExtensions
{
    public static int Write(this PriceStore store, IEnumerable<CryptoPrice> prices) => store.Write(PriceRows.Of(prices));
}
