namespace CryptoViz.Web.Clients;

/// <summary>What one service's health endpoint said, or that it could not be asked.</summary>
public sealed record ServiceHealth(string Name, ServiceStatus Status, string Detail)
{
    public static ServiceHealth Unreachable(string name, Exception exception) =>
        new(name, ServiceStatus.Unreachable, exception switch
        {
            TaskCanceledException or TimeoutException => "No answer in time",
            HttpRequestException { HttpRequestError: var error } when error != HttpRequestError.Unknown => $"Unreachable ({error})",
            _ => "Unreachable",
        });
}
