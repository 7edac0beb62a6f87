using System.Text.Json;

namespace CryptoViz.Contracts.Messaging;

/// <summary>Parses and checks a <see cref="Prediction"/> from <see cref="Topics.Predictions"/> before anyone relays or shows it.</summary>
public static class PredictionValidator
{
    public static bool TryParse(ReadOnlySpan<byte> utf8Json, out Prediction? prediction, out string? reason)
    {
        prediction = null;
        try
        {
            prediction = utf8Json.IsEmpty ? null : JsonSerializer.Deserialize(utf8Json, CryptoVizJsonContext.Default.Prediction);
        }
        catch (JsonException ex)
        {
            reason = $"invalid JSON: {ex.Message}";
            return false;
        }

        reason = prediction is null ? "empty payload" : Validate(prediction);
        return reason is null;
    }

    /// <returns>Why the prediction is unacceptable, or null when it is fine.</returns>
    public static string? Validate(Prediction p)
    {
        if (string.IsNullOrWhiteSpace(p.Symbol) || p.Symbol.Length > 20 || !p.Symbol.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c)))
            return "symbol must be 1-20 upper-case letters or digits";
        if (string.IsNullOrWhiteSpace(p.Source)) return "missing source";
        if (!double.IsFinite(p.Price) || p.Price <= 0) return "price must be a positive finite number";
        return p.Kind switch
        {
            Prediction.ForecastKind when p is not { HorizonMinutes: > 0, TargetTime: not null, Central: { } c, Lower: { } l, Upper: { } u }
                || !double.IsFinite(c) || !double.IsFinite(l) || !double.IsFinite(u)
                => "a forecast needs horizon_min > 0, target_time and finite central, lower, upper",
            Prediction.ForecastKind when !(p.Lower <= p.Central && p.Central <= p.Upper) => "a forecast needs lower <= central <= upper",
            Prediction.AnomalyKind when string.IsNullOrWhiteSpace(p.Reason) => "an anomaly needs a reason",
            Prediction.ForecastKind or Prediction.AnomalyKind => null,
            _ => $"unknown kind '{p.Kind}'",
        };
    }
}
