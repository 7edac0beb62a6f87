namespace CryptoViz.Hosting.Publishing.Kubernetes;

/// <summary>Aspire's Kubernetes publisher's names, so addresses read the same: <c>kafka-service:9092</c>.</summary>
public static class KubernetesNames
{
    public const string NameLabel = "app.kubernetes.io/name";
    public const string PartOfLabel = "app.kubernetes.io/part-of";
    public const string PartOf = "cryptoviz";

    public static string Service(string resource) => $"{resource}-service";

    public static string Deployment(string resource) => $"{resource}-deployment";

    public static string StatefulSet(string resource) => $"{resource}-statefulset";

    public static string Config(string resource) => $"{resource}-config";

    public static string Secrets(string resource) => $"{resource}-secrets";

    public static string Values(string resource) => $"{resource}-values";

    public static string Claim(string volume) => $"{volume}-claim";
}
