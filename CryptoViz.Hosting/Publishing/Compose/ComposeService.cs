namespace CryptoViz.Hosting.Publishing.Compose;

public sealed class ComposeService
{
    public required string Image { get; init; }

    public string? User { get; init; }

    public List<string>? Entrypoint { get; init; }

    public List<string>? Command { get; init; }

    public Dictionary<string, string>? Environment { get; init; }

    public List<string>? Expose { get; init; }

    public List<string>? Ports { get; init; }

    public List<string>? Volumes { get; init; }

    public ComposeDeploy? Deploy { get; init; }

    public Dictionary<string, ComposeDependency>? DependsOn { get; init; }

    public ComposeHealthcheck? Healthcheck { get; init; }

    public required string Restart { get; init; }

    public List<string>? Networks { get; init; }
}
