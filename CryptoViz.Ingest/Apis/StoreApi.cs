using CryptoViz.Ingest.Model;
using CryptoViz.Ingest.Storage;
using CryptoViz.ServiceDefaults.KafkaDiagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using CryptoViz.Contracts.Apis;

namespace CryptoViz.Ingest.Apis;

/// <summary>The store as a whole: its statistics and bounded exports.</summary>
public static class StoreApi
{
    /// <summary>The ingest consumer's <c>client.id</c>, set in <c>Extensions.AddApplicationServices</c>.</summary>
    public const string ConsumerClientId = "cryptoviz-ingest";

    private const string ParquetContentType = "application/vnd.apache.parquet";

    public static RouteGroupBuilder MapStoreApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api").WithTags("Store");
        api.MapGet("/stats", GetStatsAsync)
            .WithName("GetStats")
            .WithSummary("Size and freshness of the store, and the ingest consumer's lag")
            .WithDescription("Row count, distinct coins and sources, the bytes the database takes on disk (its file and write-ahead log), the oldest and newest " +
                "stored timestamp (null when empty), and the ingest consumer's lag in messages summed over its partitions, from " +
                "librdkafka's latest statistics report (null until the first report arrives).");
        api.MapGet("/export", ExportAsync)
            .WithName("Export")
            .WithSummary("Download stored prices of a bounded range as Parquet or CSV")
            .WithDescription("All crypto_prices columns of [from, to) (V2's ten in V2's order, then event_time, volume, quote_volume and " +
                "volume_24h), optionally of one coin, oldest first, written by DuckDB's COPY to a " +
                "temporary file that is streamed and then deleted. The range defaults to the last 24 h and spans at most 31 days.")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .Produces(StatusCodes.Status200OK, contentType: ParquetContentType);
        return api;
    }

    public static async Task<Ok<StoreStats>> GetStatsAsync(
        PriceQueries queries, KafkaClientStatistics kafkaStatistics, CancellationToken cancellationToken)
    {
        var (rows, coins, sources, oldest, newest) = await queries.GetStatsAsync(cancellationToken);
        var consumers = kafkaStatistics.Latest.Values.Where(s => s.Type == "consumer" && s.ClientId == ConsumerClientId).ToList();
        long? lag = consumers.Count == 0 ? null : consumers.Sum(s => s.ConsumerLag);
        return TypedResults.Ok(new StoreStats(rows, coins, sources, queries.DatabaseBytes, oldest, newest, lag));
    }

    public static async Task<Results<FileStreamHttpResult, ValidationProblem>> ExportAsync(
        [AsParameters] ExportRequest request, PriceQueries queries, TimeProvider time, CancellationToken cancellationToken)
    {
        var check = new QueryValidation();
        var symbol = request.Symbol is null ? null : check.Symbol(request.Symbol);
        var (from, to) = check.Range(request.From, request.To, time.GetUtcNow().UtcDateTime, QueryValidation.MaxFineRange);
        ExportFormat? format = (request.Format ?? "csv") switch
        {
            "csv" => ExportFormat.Csv,
            "parquet" => ExportFormat.Parquet,
            _ => null,
        };
        if (format is null) check.Invalid("format", "The format is parquet or csv.");
        if (!check.IsValid) return check.Problem();

        var extension = format == ExportFormat.Parquet ? "parquet" : "csv";
        var path = Path.Combine(Path.GetTempPath(), $"cryptoviz-export-{Guid.NewGuid():N}.{extension}");
        try
        {
            await queries.ExportAsync(path, format!.Value, symbol, from, to, cancellationToken);
            // Unlinked when the response has been written and the stream is disposed (or when it is finalised).
            var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 64 * 1024,
                FileOptions.Asynchronous | FileOptions.SequentialScan | FileOptions.DeleteOnClose);
            var name = $"crypto_prices_{symbol ?? "all"}_{from:yyyyMMdd'T'HHmmss'Z'}_{to:yyyyMMdd'T'HHmmss'Z'}.{extension}";
            return TypedResults.File(stream, format == ExportFormat.Parquet ? ParquetContentType : "text/csv", name);
        }
        catch
        {
            File.Delete(path);
            throw;
        }
    }
}
