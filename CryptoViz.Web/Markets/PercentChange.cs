namespace CryptoViz.Web.Markets;

/// <summary>A change in % and what it rests on; <see cref="Reference"/> is the stored close it is measured from, if any.</summary>
public sealed record PercentChange(double? Percent, ChangeBasis Basis, double? Reference = null)
{
    public static readonly PercentChange None = new(null, ChangeBasis.None);

    /// <summary>From <paramref name="price"/> now against the stored <paramref name="reference"/>; <see cref="None"/> without one.</summary>
    public static PercentChange Since(double price, double? reference) => reference is { } close and not 0
        ? new((price - close) / close * 100, ChangeBasis.History, close)
        : None;

    /// <summary>This one, or where it has no basis, the source's own <paramref name="percent"/> when it gives one.</summary>
    public PercentChange OrProvider(double? percent) =>
        Basis == ChangeBasis.None && percent is not null ? new(percent, ChangeBasis.Provider) : this;
}
