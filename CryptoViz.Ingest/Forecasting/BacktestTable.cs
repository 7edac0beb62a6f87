using System.Globalization;
using CryptoViz.Contracts.Apis;

namespace CryptoViz.Ingest.Forecasting;

/// <summary>
/// The scores as a fixed-width text table, served models starred, with the out-of-sample score of serving by
/// walk-forward selection on the served rows (<c>sel.mase</c>, <c>sel.cov</c>).
/// </summary>
internal static class BacktestTable
{
    public static void Write(TextWriter output, IEnumerable<ModelScore> scores)
    {
        output.WriteLine($"{"series",-32} {"h",4} {"model",-15} {"n",7} {"mae",12} {"mase",7} {"hit",6} {"cov90",6} {"sel.mase",8} {"sel.cov",7}");
        foreach (var score in scores)
        {
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{score.Series,-32} {score.HorizonMinutes,4} {(score.Served ? "*" : " ") + score.Model,-15} {score.N,7} {Format(score.Mae, "0.######"),12} {Format(score.Mase, "0.000"),7} {Format(score.HitRate, "0.000"),6} {Format(score.Coverage90, "0.000"),6} {Format(score.SelectionMase, "0.000"),8} {Format(score.SelectionCoverage90, "0.000"),7}"));
        }
    }

    private static string Format(double? value, string format) =>
        value?.ToString(format, CultureInfo.InvariantCulture) ?? "-";
}
