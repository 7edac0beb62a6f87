namespace CryptoViz.Tests.Scraper;

/// <summary>One call a fake provider answered: its query, its headers and when it came, on the test's clock.</summary>
internal sealed record ServedCall(string Path, IReadOnlyDictionary<string, string> Query, IReadOnlyDictionary<string, string> Headers, DateTimeOffset At);
