using System.Text.Json;
using CryptoViz.Contracts.Messaging;

namespace CryptoViz.Tests.Ingest.Forecasting;

public sealed class PredictionContractTests
{
    private static readonly DateTime s_at = new(2025, 9, 5, 11, 59, 0, DateTimeKind.Utc);

    private static List<string> Fields(Prediction prediction) =>
        [.. JsonDocument.Parse(JsonSerializer.Serialize(prediction, CryptoVizJsonContext.Default.Prediction)).RootElement
            .EnumerateObject().Select(property => property.Name)];

    [Fact]
    public void A_forecast_carries_its_interval_and_skill_and_no_anomaly_fields()
    {
        var forecast = new Prediction
        {
            Kind = Prediction.ForecastKind, Symbol = "BTC", Source = "coingecko", Timestamp = s_at, Price = 60_000,
            Model = "naive", HorizonMinutes = 15, TargetTime = s_at.AddMinutes(15), Central = 60_000, Lower = 59_800, Upper = 60_210,
            Mase = 1, Coverage90 = 0.9,
        };

        Assert.Equal(
            ["kind", "symbol", "source", "timestamp", "price", "model", "horizon_min", "target_time", "central", "lower", "upper", "mase", "coverage90"],
            Fields(forecast));
        Assert.Equal(forecast, JsonSerializer.Deserialize(JsonSerializer.Serialize(forecast, CryptoVizJsonContext.Default.Prediction), CryptoVizJsonContext.Default.Prediction));
    }

    [Fact]
    public void An_anomaly_carries_its_score_and_reason_and_no_forecast_fields()
    {
        var anomaly = new Prediction
        {
            Kind = Prediction.AnomalyKind, Symbol = "BTC", Source = "coingecko", Timestamp = s_at, Price = 62_400,
            Score = 9.2, Reason = "jump of +4% …",
        };

        Assert.Equal(["kind", "symbol", "source", "timestamp", "price", "score", "reason"], Fields(anomaly));
    }
}
