using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CryptoViz.Ingest.Storage;
using CryptoViz.Contracts.Messaging;
using CryptoViz.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CryptoViz.Tests.Ingest;

/// <summary>Ingest's <c>evaluate-models</c> command: it runs the backtest now, for the AppHost's key only.</summary>
public sealed class OperatorCommandTests(EmbeddedKafkaFixture kafka) : IClassFixture<EmbeddedKafkaFixture>, IDisposable
{
    private const string Key = "test-command-key-6c1f";
    private static readonly DateTime s_now = new(2025, 9, 5, 10, 30, 0, DateTimeKind.Utc);

    private readonly string _directory = Directory.CreateTempSubdirectory("cryptoviz-commands-").FullName;

    [Fact]
    public async Task Evaluate_models_backtests_the_stored_series_for_a_caller_with_the_key()
    {
        await using var ingest = IngestTestHost.Create(kafka, Path.Combine(_directory, "keyed.duckdb"), s_now,
            web => web.UseSetting(OperatorCommandExtensions.KeySetting, Key));
        ingest.Services.GetRequiredService<PriceStore>().Write(Closes("BTC", "binance", hours: 3));
        using var http = ingest.CreateClient();

        using var keyless = await http.PostAsync("/commands/evaluate-models", null, TestContext.Current.CancellationToken);
        using var wrong = await Post(http, "not-the-key");
        using var keyed = await Post(http, Key);

        Assert.Equal(HttpStatusCode.Unauthorized, keyless.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, keyed.StatusCode);
        var summary = await keyed.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal(1, summary.GetProperty("series").GetInt32());
    }

    [Fact]
    public async Task A_service_started_without_a_key_has_no_commands()
    {
        await using var ingest = IngestTestHost.Create(kafka, Path.Combine(_directory, "keyless.duckdb"), s_now);
        using var http = ingest.CreateClient();

        using var response = await Post(http, "");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static async Task<HttpResponseMessage> Post(HttpClient http, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/commands/evaluate-models");
        request.Headers.Add(OperatorCommandExtensions.KeyHeader, key);
        return await http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private static List<CryptoPrice> Closes(string symbol, string source, int hours) =>
        [.. Enumerable.Range(0, hours * 60).Select(m => new CryptoPrice
        {
            Name = symbol, Symbol = symbol, Price = 100 + m % 7, MarketCap = 1e9, Source = source,
            Timestamp = s_now.AddMinutes(m - hours * 60), IngestionTimestamp = s_now.AddMinutes(m - hours * 60), ProducerId = "commands-test",
        })];

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
