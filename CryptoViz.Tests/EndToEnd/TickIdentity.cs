namespace CryptoViz.Tests.EndToEnd;

/// <summary>
/// One published message as the store keeps it: the series, V2's timestamp and the Scraper's ingestion timestamp, which
/// differs between two publications of one quote, so a redelivery stored twice shows as two equal identities.
/// Microseconds: what a DuckDB TIMESTAMP holds.
/// </summary>
public sealed record TickIdentity(string Symbol, string Source, DateTime Timestamp, DateTime IngestionTimestamp)
{
    public static TickIdentity Of(string symbol, string source, DateTime timestamp, DateTime ingestionTimestamp) =>
        new(symbol, source, Microseconds(timestamp), Microseconds(ingestionTimestamp));

    private static DateTime Microseconds(DateTime time) => new(time.Ticks - time.Ticks % 10, DateTimeKind.Utc);
}
