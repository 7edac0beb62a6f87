namespace CryptoViz.Hosting.Publishing.Compose;

public sealed class ComposeHealthcheck
{
    public required List<string> Test { get; init; }

    public string Interval { get; init; } = "10s";

    public string Timeout { get; init; } = "5s";

    public int Retries { get; init; } = 5;

    public string StartPeriod { get; init; } = "30s";
}
