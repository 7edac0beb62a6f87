using CryptoViz.Contracts.Messaging;

namespace CryptoViz.Stream.Hub;

/// <summary>A validated message on its way to the hub, with what the hub needs to key, filter and remember it.</summary>
/// <param name="At">Its broker record's place in the log; null for /test's.</param>
/// <param name="Snapshot">Whether a client that connects later is sent the latest of its key.</param>
internal readonly record struct HubMessage(
    string Type, string Key, string Symbol, string Source, UpdateOrigin Origin, ReadOnlyMemory<byte> Record, bool Snapshot, PartitionOffset? At)
{
    /// <summary>A <c>crypto_update</c>; /test records are fake, so only the broker's join the snapshot.</summary>
    public static HubMessage Update(string symbol, string source, ReadOnlyMemory<byte> record, UpdateOrigin origin, PartitionOffset? at) =>
        new(ClientFilter.UpdateType, MessageKey.For(symbol, source), symbol, source, origin, record, origin == UpdateOrigin.Broker, at);

    /// <summary>
    /// One message of <c>crypto-predictions</c>. Forecasts join the snapshot (the latest per coin, source and horizon),
    /// so a page that opens later sees the current ones; anomalies are news, not state.
    /// </summary>
    public static HubMessage ForPrediction(Prediction prediction, ReadOnlyMemory<byte> message, PartitionOffset at)
    {
        var forecast = prediction.Kind == Prediction.ForecastKind;
        var key = forecast
            ? $"{ClientFilter.PredictionType}:{MessageKey.For(prediction.Symbol, prediction.Source)}:{prediction.HorizonMinutes}"
            : $"{Prediction.AnomalyKind}:{MessageKey.For(prediction.Symbol, prediction.Source)}";
        return new(ClientFilter.PredictionType, key, prediction.Symbol, prediction.Source, UpdateOrigin.Broker, message, forecast, at);
    }
}
