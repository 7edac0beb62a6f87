using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;

namespace CryptoViz.Ingest.Forecasting;

/// <summary>
/// Gradient-boosted regression trees (ML.NET FastTree) on <see cref="ReturnFeatures"/>, one ensemble per horizon,
/// predicting the standardized h-minute return. Refitted every <see cref="RefitEveryMinutes"/> on the last
/// <see cref="TrainingWindowMinutes"/> of samples whose targets are already known; naive until the first fit.
/// </summary>
public sealed class BoostedTreesModel : IForecastModel
{
    public const int TrainingWindowMinutes = 7 * 1440;
    public const int RefitEveryMinutes = 2 * 1440;
    public const int MinimumTrainingMinutes = 2 * 1440;
    private const int MaximumRows = 4000;
    // The label is clipped: one crash minute must not own a leaf.
    private const float LabelLimit = 5;

    private readonly MLContext _ml = new(seed: 11);
    private readonly ReturnFeatures _features = new();
    private readonly Dictionary<int, Fitted> _fitted = [];

    public string Name => "boosted_trees";

    public double Forecast(ReadOnlySpan<double> history, int horizon)
    {
        _features.Extend(history);
        var t = history.Length - 1;
        if (!_fitted.TryGetValue(horizon, out var fitted) || fitted.At > t || t - fitted.At >= RefitEveryMinutes)
        {
            fitted = Fit(t, horizon);
            _fitted[horizon] = fitted;
        }

        if (fitted.Engine is null)
        {
            return history[^1];
        }

        var row = new Row { Features = new float[ReturnFeatures.Count] };
        _features.Write(t, row.Features);
        var score = fitted.Engine.Predict(row).Score;
        return history[^1] * Math.Exp(score * _features.Sigma(t) * Math.Sqrt(horizon));
    }

    /// <summary>Samples s with s + horizon ≤ t: every label is known at t.</summary>
    private Fitted Fit(int t, int horizon)
    {
        var last = t - horizon;
        var first = Math.Max(ReturnFeatures.MaxLag, t - TrainingWindowMinutes);
        if (t < MinimumTrainingMinutes || last - first < MaximumRows / 4)
        {
            return new Fitted(t, null);
        }

        var stride = Math.Max(1, (last - first) / MaximumRows);
        var rows = new List<Row>();
        for (var s = first; s <= last; s += stride)
        {
            var row = new Row { Features = new float[ReturnFeatures.Count], Label = (float)Math.Clamp(_features.Label(s, horizon), -LabelLimit, LabelLimit) };
            _features.Write(s, row.Features);
            rows.Add(row);
        }

        var trainer = _ml.Regression.Trainers.FastTree(new FastTreeRegressionTrainer.Options
        {
            NumberOfTrees = 50,
            NumberOfLeaves = 8,
            MinimumExampleCountPerLeaf = 100,
            LearningRate = 0.05,
            NumberOfThreads = 1,
        });
        var model = trainer.Fit(_ml.Data.LoadFromEnumerable(rows));
        return new Fitted(t, _ml.Model.CreatePredictionEngine<Row, Prediction>(model));
    }

    private sealed record Fitted(int At, PredictionEngine<Row, Prediction>? Engine);

    private sealed class Row
    {
        [VectorType(ReturnFeatures.Count)]
        public float[] Features { get; set; } = [];

        public float Label { get; set; }
    }

    private sealed class Prediction
    {
        public float Score { get; set; }
    }
}
