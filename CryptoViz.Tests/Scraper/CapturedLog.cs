using Microsoft.Extensions.Logging;

namespace CryptoViz.Tests.Scraper;

/// <summary>One captured log entry, rendered to text.</summary>
internal sealed record CapturedLog(string Category, LogLevel Level, EventId EventId, string Text);
