namespace CryptoViz.Web.Clients;

public enum ServiceStatus
{
    Healthy,
    Degraded,
    Unhealthy,
    Unreachable,
}
