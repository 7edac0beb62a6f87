namespace CryptoViz.Web.Pipeline;

public enum ServiceStatus
{
    Healthy,
    Degraded,
    Unhealthy,
    Unreachable,
}
