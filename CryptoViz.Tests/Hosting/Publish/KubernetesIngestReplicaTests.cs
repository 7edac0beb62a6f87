using CryptoViz.Hosting.Publishing;
using CryptoViz.Hosting.Publishing.Kubernetes;
using k8s;
using k8s.Models;

namespace CryptoViz.Tests.Hosting.Publish;

/// <summary>
/// Ingest's replicas on Kubernetes: a hot store claim of its own per pod (ReadWriteOnce serves one node), the lake on one
/// ReadWriteMany claim they all mount, and an optional bucket from generated values and a generated Secret.
/// </summary>
[Collection(PublishCollection.Name)]
public sealed class KubernetesIngestReplicaTests(PublishFixture publish)
{
    private static readonly string[] s_s3Values =
        ["Ingest__Lake__S3__Bucket", "Ingest__Lake__S3__ServiceUrl", "Ingest__Lake__S3__Region", "Ingest__Lake__S3__Prefix", "Ingest__Lake__S3__ForcePathStyle"];

    private static readonly string[] s_s3Keys = ["Ingest__Lake__S3__AccessKey", "Ingest__Lake__S3__SecretKey"];

    private readonly Dictionary<string, string> _files = new(PublishedFiles.ReadAll(publish.KubernetesDirectory));

    [Fact]
    public void Ingest_runs_two_pods_each_with_a_hot_store_claim_of_its_own()
    {
        var ingest = Load<V1StatefulSet>("ingest/statefulset.yaml");

        Assert.Equal(2, ingest.Spec.Replicas);
        var claim = Assert.Single(ingest.Spec.VolumeClaimTemplates);
        Assert.Equal("duckdb", claim.Metadata.Name);
        Assert.Equal(["ReadWriteOnce"], claim.Spec.AccessModes);
        Assert.Equal("1Gi", claim.Spec.Resources.Requests["storage"].ToString());
        var container = Assert.Single(ingest.Spec.Template.Spec.Containers);
        Assert.Equal([("duckdb", "/home/app"), ("lake", "/lake")], container.VolumeMounts.Select(m => (m.Name, m.MountPath)));
        Assert.Equal(ProjectImages.AppUserGroupId, ingest.Spec.Template.Spec.SecurityContext.FsGroup);
        // Not a walk over every file of the lake at each start.
        Assert.Equal("OnRootMismatch", ingest.Spec.Template.Spec.SecurityContext.FsGroupChangePolicy);
    }

    [Fact]
    public void Every_Ingest_pod_mounts_one_ReadWriteMany_lake_claim_whose_storage_class_is_left_to_the_cluster()
    {
        var pod = Load<V1StatefulSet>("ingest/statefulset.yaml").Spec.Template.Spec;
        var claim = Load<V1PersistentVolumeClaim>("lake/claim.yaml");

        var volume = Assert.Single(pod.Volumes);
        Assert.Equal(("lake", "lake-claim"), (volume.Name, volume.PersistentVolumeClaim.ClaimName));
        Assert.Equal("lake-claim", claim.Metadata.Name);
        Assert.Equal(["ReadWriteMany"], claim.Spec.AccessModes);
        Assert.Null(claim.Spec.StorageClassName);
        Assert.Equal("10Gi", claim.Spec.Resources.Requests["storage"].ToString());
        Assert.Equal("/lake", Load<V1ConfigMap>("ingest/config.yaml").Data["Ingest__Lake__Path"]);
    }

    [Fact]
    public void The_lake_S3_settings_come_from_generated_values_and_its_keys_from_a_generated_Secret()
    {
        var kustomization = KubernetesYaml.Deserialize<Kustomization>(_files["kustomization.yaml"], strict: true);
        var values = DotEnvLines("ingest/values.env");
        var secrets = DotEnvLines("ingest/secrets.env");

        Assert.Contains(kustomization.ConfigMapGenerator!, g => g.Name == "ingest-values" && g.Envs.SequenceEqual(["ingest/values.env"]));
        Assert.Contains(kustomization.SecretGenerator!, g => g.Name == "ingest-secrets" && g.Envs.SequenceEqual(["ingest/secrets.env"]));
        Assert.Equal(s_s3Values, values.Keys);
        Assert.Equal(("", "", "us-east-1", "", "true"), (values[s_s3Values[0]], values[s_s3Values[1]], values[s_s3Values[2]],
            values[s_s3Values[3]], values[s_s3Values[4]]));
        Assert.Equal(s_s3Keys, secrets.Keys);
        Assert.All(secrets.Values, Assert.Empty);
        Assert.DoesNotContain("Ingest__Lake__S3__", _files["ingest/config.yaml"]);
    }

    [Fact]
    public async Task Kustomize_builds_the_lake_claim_and_wires_the_generated_values_and_Secret_into_Ingest()
    {
        var kubectl = CommandLine.Find("kubectl");
        Assert.SkipWhen(kubectl is null, "kubectl is not installed");

        var (exitCode, output, error) = await CommandLine.RunAsync(kubectl, ["kustomize", "."],
            publish.KubernetesDirectory, TestContext.Current.CancellationToken);

        Assert.True(exitCode == 0, error);
        var objects = KubernetesYaml.LoadAllFromString(output, strict: true);
        var values = Assert.Single(objects.OfType<V1ConfigMap>(), c => c.Metadata.Name.StartsWith("ingest-values-", StringComparison.Ordinal));
        var secret = Assert.Single(objects.OfType<V1Secret>(), s => s.Metadata.Name.StartsWith("ingest-secrets-", StringComparison.Ordinal));
        Assert.Equal("", values.Data["Ingest__Lake__S3__Bucket"]);
        Assert.Equal(s_s3Keys, secret.Data.Keys.Order());
        var envFrom = Assert.Single(objects.OfType<V1StatefulSet>(), s => s.Metadata.Name == "ingest-statefulset").Spec.Template.Spec.Containers[0].EnvFrom;
        Assert.Contains(envFrom, e => e.ConfigMapRef?.Name == values.Metadata.Name);
        Assert.Contains(envFrom, e => e.SecretRef?.Name == secret.Metadata.Name);
        Assert.Contains(objects.OfType<V1PersistentVolumeClaim>(), c => c.Metadata.Name == "lake-claim");
    }

    private T Load<T>(string path) => KubernetesYaml.Deserialize<T>(_files[path], strict: true);

    private Dictionary<string, string> DotEnvLines(string path) => DotEnvFile.Parse(_files[path].Split('\n'));
}
