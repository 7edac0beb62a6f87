using CryptoViz.Contracts.Apis;

namespace CryptoViz.Ingest.Forecasting;

/// <summary>
/// What a backtest reports for one series: the score of every model at every horizon, and per horizon the score of
/// serving by walk-forward selection (at each origin the model <see cref="Select"/> picked from the errors known then).
/// Boards of separate stretches of one series add up.
/// </summary>
internal sealed class ScoreBoard
{
    private readonly string[] _models;
    private readonly int[] _horizons;
    private readonly int _originStep;
    private readonly ScoreAccumulator[,] _scores;
    private readonly ScoreAccumulator[] _selections;

    public ScoreBoard(string[] models, int[] horizons, int originStep)
    {
        (_models, _horizons, _originStep) = (models, horizons, originStep);
        _scores = new ScoreAccumulator[models.Length, horizons.Length];
        foreach (var (m, k) in Cells()) _scores[m, k] = new ScoreAccumulator();
        _selections = [.. horizons.Select(_ => new ScoreAccumulator())];
    }

    public ScoreAccumulator this[int model, int horizon] => _scores[model, horizon];

    public ScoreAccumulator Selection(int horizon) => _selections[horizon];

    public void Add(ScoreBoard other)
    {
        if (!other._models.SequenceEqual(_models) || !other._horizons.SequenceEqual(_horizons) || other._originStep != _originStep)
        {
            throw new ArgumentException("Only boards of the same models, horizons and origin step add up.", nameof(other));
        }

        foreach (var (m, k) in Cells()) _scores[m, k].Add(other._scores[m, k]);
        for (var k = 0; k < _horizons.Length; k++) _selections[k].Add(other._selections[k]);
    }

    /// <summary>One row per model and horizon; the served model (picked on all the points) carries the selection's score.</summary>
    public List<ModelScore> Rows(string series)
    {
        var rows = new List<ModelScore>();
        for (var k = 0; k < _horizons.Length; k++)
        {
            var served = Select(_models.Length, m => _scores[m, k], _horizons[k], _originStep);
            for (var m = 0; m < _models.Length; m++)
            {
                rows.Add(_scores[m, k].ToScore(series, _models[m], _horizons[k], m == served ? _selections[k] : null));
            }
        }

        return rows;
    }

    /// <summary>The lowest-MAE model that beats naive (index 0) by <paramref name="score"/>, else naive.</summary>
    public static int Select(int models, Func<int, ScoreAccumulator> score, int horizon, int originStep)
    {
        var pointsPerHorizon = horizon / (double)originStep;
        var selected = 0;
        for (var m = 1; m < models; m++)
        {
            if (score(m).BeatsNaive(pointsPerHorizon) && score(m).AbsoluteError < score(selected).AbsoluteError)
            {
                selected = m;
            }
        }

        return selected;
    }

    private IEnumerable<(int Model, int Horizon)> Cells() =>
        from m in Enumerable.Range(0, _models.Length) from k in Enumerable.Range(0, _horizons.Length) select (m, k);
}
