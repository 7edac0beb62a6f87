using System.Text.Json;

namespace CryptoViz.Tests.EndToEnd.ScaleOut;

/// <summary>A V2 record told apart from every other: its series, its timestamp and the Scraper's ingestion time, as written.</summary>
public static class RecordIdentity
{
    public static string Of(JsonElement record) =>
        $"{record.GetProperty("symbol").GetString()}/{record.GetProperty("source").GetString()}" +
        $"@{record.GetProperty("timestamp").GetRawText()}/{record.GetProperty("ingestion_timestamp").GetRawText()}";
}
