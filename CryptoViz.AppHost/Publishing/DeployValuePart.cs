namespace CryptoViz.AppHost.Publishing;

public abstract record DeployValuePart;
