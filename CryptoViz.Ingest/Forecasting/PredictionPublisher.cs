using System.Text.Json;
using Confluent.Kafka;
using CryptoViz.Ingest.Anomalies;
using CryptoViz.Ingest.Model;
using CryptoViz.Contracts.Messaging;
using CryptoViz.Contracts.Apis;

namespace CryptoViz.Ingest.Forecasting;

/// <summary>Puts served forecasts and flagged ticks on <see cref="Topics.Predictions"/>, keyed by (symbol, source).</summary>
public sealed class PredictionPublisher(IProducer<string, byte[]> producer, ILogger<PredictionPublisher> logger)
{
    public void Publish(ServedForecast forecast) => Produce(new Prediction
    {
        Kind = Prediction.ForecastKind,
        Symbol = forecast.Symbol,
        Source = forecast.Source,
        Timestamp = forecast.OriginTime,
        Price = forecast.Last,
        Model = forecast.Model,
        HorizonMinutes = forecast.HorizonMinutes,
        TargetTime = forecast.TargetTime,
        Central = forecast.Central,
        Lower = forecast.Lower,
        Upper = forecast.Upper,
        Mase = forecast.Mase,
        Coverage90 = forecast.Coverage90,
    });

    public void Publish(string symbol, string source, PriceAnomaly anomaly) => Produce(new Prediction
    {
        Kind = Prediction.AnomalyKind,
        Symbol = symbol,
        Source = source,
        Timestamp = anomaly.Time.UtcDateTime,
        Price = anomaly.Price,
        Score = anomaly.Score,
        Reason = anomaly.Reason,
    });

    private void Produce(Prediction prediction) =>
        producer.Produce(
            Topics.Predictions,
            new Message<string, byte[]>
            {
                Key = MessageKey.For(prediction.Symbol, prediction.Source),
                Value = JsonSerializer.SerializeToUtf8Bytes(prediction, CryptoVizJsonContext.Default.Prediction),
            },
            report =>
            {
                if (report.Error.IsError)
                {
                    IngestLog.PredictionNotDelivered(logger, prediction.Kind, prediction.Symbol, report.Error.Reason);
                }
            });
}
