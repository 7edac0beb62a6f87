using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using CryptoViz.Contracts.Messaging;
using CryptoViz.Tests.Support;
using static CryptoViz.Tests.Stream.StreamTestKit;

namespace CryptoViz.Tests.Stream;

/// <summary><c>crypto-predictions</c> relayed as <c>prediction</c> events, in the shape of <c>crypto_update</c>.</summary>
public sealed class PredictionStreamTests(EmbeddedKafkaFixture kafka) : IClassFixture<EmbeddedKafkaFixture>
{
    private static readonly DateTime s_origin = new(2025, 9, 10, 12, 30, 0, DateTimeKind.Utc);

    [Fact]
    public async Task Forecasts_and_anomalies_reach_clients_as_prediction_events_and_only_forecasts_join_the_snapshot()
    {
        // Arrange
        using var producer = kafka.StreamingProducer();
        await using var app = StreamAppFactory.Start(kafka.BootstrapServers);
        using var http = app.CreateHttpClient();
        await http.WaitUntilStreamingAsync();
        await using var predictions = await SseConnection.OpenAsync(http, "?types=prediction&symbols=SOL");
        await using var pricesOnly = await SseConnection.OpenAsync(http, "?types=crypto_update&symbols=SOL");

        // Act: a forecast, a broken forecast, an anomaly, then a price.
        var forecast = Json(Forecast(15));
        await ProducePredictionAsync(producer, forecast);
        await ProducePredictionAsync(producer, Json(Forecast(60) with { Lower = 200, Upper = 100 }));
        var anomaly = Json(new Prediction
        {
            Kind = Prediction.AnomalyKind, Symbol = "SOL", Source = "binance", Timestamp = s_origin, Price = 151.2, Score = 9.4,
            Reason = "return +3.1 % is 9.4 robust deviations from the last 60 returns",
        });
        await ProducePredictionAsync(producer, anomaly);
        await producer.ProduceAsync(Record("SOL", "binance", 151.3));

        // Assert: the prediction client gets both valid messages verbatim, in order, and no price.
        var first = await predictions.ReadAsync();
        var second = await predictions.ReadAsync();
        Assert.Equal(("prediction", forecast), (first.Type, first.Json.GetProperty("data").GetRawText()));
        Assert.Equal(("prediction", anomaly), (second.Type, second.Json.GetProperty("data").GetRawText()));
        Assert.Equal(["type", "data", "timestamp", "source"], first.Json.EnumerateObject().Select(p => p.Name));
        Assert.Equal("crypto_update", (await pricesOnly.ReadAsync()).Type);

        // A client that connects later gets the forecast (current state) in its snapshot, but not the anomaly (news).
        await using var late = await SseConnection.OpenAsync(http, "?types=prediction,crypto_update&symbols=SOL");
        var snapshot = new[] { await late.ReadAsync(), await late.ReadAsync() };
        Assert.Equal(["prediction", "crypto_update"], snapshot.Select(e => e.Type));
        Assert.Equal(forecast, snapshot[0].Json.GetProperty("data").GetRawText());
    }

    private static Prediction Forecast(int horizon) => new()
    {
        Kind = Prediction.ForecastKind, Symbol = "SOL", Source = "binance", Timestamp = s_origin, Price = 150.1, Model = "ewma-drift",
        HorizonMinutes = horizon, TargetTime = s_origin.AddMinutes(horizon), Central = 150.3, Lower = 148.9, Upper = 151.8,
        Mase = 0.98, Coverage90 = 0.9,
    };

    private static string Json(Prediction prediction) => JsonSerializer.Serialize(prediction, CryptoVizJsonContext.Default.Prediction);

    private static Task ProducePredictionAsync(IProducer<string, byte[]> producer, string json) =>
        producer.ProduceAsync(Topics.Predictions, new Message<string, byte[]> { Key = "SOL_binance", Value = Encoding.UTF8.GetBytes(json) }, Ct);
}
