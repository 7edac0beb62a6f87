namespace CryptoViz.Scraper.Sources;

/// <summary>One payload item that did not map to a record.</summary>
/// <param name="Item">Its symbol or, without one, its position in the payload.</param>
/// <param name="Reason">A short, fixed reason (a metric tag); details go to <paramref name="Detail"/>.</param>
public sealed record RejectedItem(string Item, string Reason, string? Detail = null);
