namespace CryptoViz.Tests.Scraper;

/// <summary>One request the fake provider received.</summary>
internal sealed record RecordedRequest(string PathAndQuery, IReadOnlyDictionary<string, string> Headers);
