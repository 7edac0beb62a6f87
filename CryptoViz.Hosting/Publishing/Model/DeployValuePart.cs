namespace CryptoViz.Hosting.Publishing.Model;

public abstract record DeployValuePart;
