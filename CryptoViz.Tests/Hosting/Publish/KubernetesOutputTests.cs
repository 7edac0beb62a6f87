using CryptoViz.Hosting.Publishing.Kubernetes;
using k8s;
using k8s.Models;

namespace CryptoViz.Tests.Hosting.Publish;

[Collection(PublishCollection.Name)]
public sealed class KubernetesOutputTests(PublishFixture publish)
{
    private static readonly string[] s_projects = ["scraper", "ingest", "stream", "web"];

    private readonly Dictionary<string, string> _files = new(PublishedFiles.ReadAll(publish.KubernetesDirectory));

    [Fact]
    public void Every_manifest_loads_as_a_typed_object_without_unknown_fields_and_serializes_back_unchanged()
    {
        foreach (var (path, yaml) in _files.Where(f => f.Key.EndsWith(".yaml", StringComparison.Ordinal) && f.Key != "kustomization.yaml"))
        {
            var objects = KubernetesYaml.LoadAllFromString(yaml, strict: true);

            var manifest = Assert.IsAssignableFrom<IKubernetesObject>(Assert.Single(objects));
            Assert.Equal(yaml, $"{KubernetesYaml.Serialize(manifest)}\n");
            Assert.False(string.IsNullOrEmpty(manifest.Kind), path);
        }

        var kustomization = KubernetesYaml.Deserialize<Kustomization>(_files["kustomization.yaml"], strict: true);
        Assert.Equal("cryptoviz", kustomization.Namespace);
        Assert.Equal(
            _files.Keys.Where(k => k.EndsWith(".yaml", StringComparison.Ordinal) && k != "kustomization.yaml").Order(),
            kustomization.Resources.Order());
    }

    [Fact]
    public async Task Kustomize_builds_the_whole_output_with_the_generated_secret_wired_in()
    {
        var kubectl = CommandLine.Find("kubectl");
        Assert.SkipWhen(kubectl is null, "kubectl is not installed");

        var (exitCode, output, error) = await CommandLine.RunAsync(kubectl, ["kustomize", "."],
            publish.KubernetesDirectory, TestContext.Current.CancellationToken);

        Assert.True(exitCode == 0, error);
        var objects = KubernetesYaml.LoadAllFromString(output, strict: true);
        var secret = Assert.Single(objects.OfType<V1Secret>(), s => s.Metadata.Name.StartsWith("scraper-secrets-", StringComparison.Ordinal));
        var scraper = Assert.Single(objects.OfType<V1Deployment>(), d => d.Metadata.Name == "scraper-deployment");
        Assert.Contains(scraper.Spec.Template.Spec.Containers[0].EnvFrom, e => e.SecretRef?.Name == secret.Metadata.Name);
        Assert.All(objects.OfType<IMetadata<V1ObjectMeta>>().Where(o => o is not V1Namespace),
            o => Assert.Equal("cryptoviz", o.Metadata.NamespaceProperty));
    }

    [Fact]
    public void Projects_are_Deployments_while_Ingest_and_the_broker_are_StatefulSets()
    {
        foreach (var name in new[] { "scraper", "stream", "web", "kafka-console" })
        {
            Assert.Equal("RollingUpdate", Load<V1Deployment>($"{name}/deployment.yaml").Spec.Strategy.Type);
        }

        var kafka = Load<V1StatefulSet>("kafka/statefulset.yaml");
        Assert.Equal(1, kafka.Spec.Replicas);
        Assert.Equal("kafka-service", kafka.Spec.ServiceName);
        Assert.Equal("ingest-service", Load<V1StatefulSet>("ingest/statefulset.yaml").Spec.ServiceName);
    }

    [Fact]
    public void The_broker_syncs_what_it_acknowledges_to_its_own_claim_writable_by_the_redpanda_user()
    {
        var kafka = Load<V1StatefulSet>("kafka/statefulset.yaml");
        var container = Assert.Single(kafka.Spec.Template.Spec.Containers);

        Assert.DoesNotContain("--mode", container.Args);
        Assert.DoesNotContain("dev-container", container.Args);
        Assert.Contains("--unsafe-bypass-fsync=false", container.Args);
        Assert.Equal("redpanda.write_caching_default=false", container.Args[container.Args.IndexOf("--set") + 1]);
        var claim = Assert.Single(kafka.Spec.VolumeClaimTemplates);
        Assert.Equal("kafka-data", claim.Metadata.Name);
        Assert.Equal(["ReadWriteOnce"], claim.Spec.AccessModes);
        var mount = Assert.Single(container.VolumeMounts);
        Assert.Equal(("kafka-data", "/var/lib/redpanda/data"), (mount.Name, mount.MountPath));
        Assert.Equal(101, kafka.Spec.Template.Spec.SecurityContext.FsGroup);
    }

    [Fact]
    public void The_topics_are_created_by_an_init_container_of_every_pod_that_waits_for_the_broker()
    {
        Assert.DoesNotContain(_files.Keys, k => k.StartsWith("kafka-topics/", StringComparison.Ordinal));
        foreach (var name in new[] { "scraper", "ingest", "stream", "kafka-console" })
        {
            var init = Assert.Single(PodOf(name).InitContainers);
            Assert.Equal("kafka-topics", init.Name);
            Assert.Equal(["rpk"], init.Command);
            Assert.Equal(["topic", "create", "crypto-raw-data", "crypto-streaming", "crypto-predictions", "crypto-dlq", "crypto-candles",
                "--partitions", "3", "--if-not-exists", "-X", "brokers=kafka-service:9092"], init.Args);
        }

        Assert.Null(PodOf("web").InitContainers);
    }

    [Fact]
    public void Stream_runs_several_replicas()
    {
        Assert.True(Load<V1Deployment>("stream/deployment.yaml").Spec.Replicas >= 2);
    }

    [Fact]
    public void Every_service_has_startup_readiness_and_liveness_probes_and_requests_and_limits()
    {
        foreach (var name in s_projects)
        {
            var container = ContainerOf(name);
            Assert.Equal("/alive", container.StartupProbe.HttpGet.Path);
            Assert.Equal("/ready", container.ReadinessProbe.HttpGet.Path);
            Assert.Equal("/alive", container.LivenessProbe.HttpGet.Path);
            Assert.Equal("http", container.ReadinessProbe.HttpGet.Port.Value);
            Assert.Equal(8080, Assert.Single(container.Ports).ContainerPort);
            Assert.Equal($"cryptoviz/{name}:1.0.0", container.Image);
        }

        foreach (var container in s_projects.Append("kafka").Append("kafka-console").Select(ContainerOf))
        {
            Assert.Equal(["cpu", "memory"], container.Resources.Requests.Keys.Order());
            Assert.Equal(["cpu", "memory"], container.Resources.Limits.Keys.Order());
        }

        Assert.Equal("/v1/status/ready", ContainerOf("kafka").ReadinessProbe.HttpGet.Path);
    }

    [Fact]
    public void Stream_has_room_for_its_client_limit_and_the_other_services_keep_the_default()
    {
        // 10,000 idle SSE clients at ~50 KB each (bench `idle`) beside ~140 MiB of its own: over 512 Mi.
        Assert.Equal("1Gi", ContainerOf("stream").Resources.Limits["memory"].ToString());
        foreach (var name in s_projects.Where(name => name != "stream"))
        {
            Assert.Equal("512Mi", ContainerOf(name).Resources.Limits["memory"].ToString());
        }
    }

    [Fact]
    public void Environment_reaches_each_resource_through_its_Service()
    {
        foreach (var name in new[] { "scraper", "ingest", "stream" })
        {
            Assert.Equal("kafka-service:9092", Config(name)["ConnectionStrings__kafka"]);
        }

        Assert.Equal("http://stream-service:5000", Config("web")["services__stream__http__0"]);
        Assert.Equal("http://ingest-service:5080", Config("web")["services__ingest__http__0"]);
        Assert.Equal("DataSource=/home/app/crypto_analytics.duckdb", Config("ingest")["ConnectionStrings__duckdb"]);
        Assert.Equal("kafka-service:9092", Config("kafka-console")["KAFKA_BROKERS"]);
        Assert.Contains("internal://kafka-service:9092,external://localhost:19092", ContainerOf("kafka").Args);

        var web = Load<V1Service>("web/service.yaml");
        Assert.Equal("ClusterIP", web.Spec.Type);
        var port = Assert.Single(web.Spec.Ports);
        Assert.Equal(("http", 8501, "http"), (port.Name, port.Port, port.TargetPort.Value));
    }

    [Fact]
    public void The_CoinMarketCap_key_is_in_a_generated_Secret_and_no_ConfigMap()
    {
        Assert.All(_files.Where(f => f.Key.EndsWith("/config.yaml", StringComparison.Ordinal)),
            f => Assert.DoesNotContain("CoinMarketCap", f.Value));
        var kustomization = KubernetesYaml.Deserialize<Kustomization>(_files["kustomization.yaml"]);
        var generator = Assert.Single(kustomization.SecretGenerator!, g => g.Name == "scraper-secrets");
        Assert.Equal("scraper/secrets.env", Assert.Single(generator.Envs));
        Assert.Contains("\nCoinMarketCap__ApiKey=\n", _files["scraper/secrets.env"]);
    }

    [Fact]
    public async Task Publishing_again_removes_the_manifests_of_a_resource_that_left_the_model_and_keeps_other_files()
    {
        var ct = TestContext.Current.CancellationToken;
        var output = Directory.CreateTempSubdirectory("cryptoviz-republish-").FullName;
        try
        {
            var k8s = Directory.CreateDirectory(Path.Combine(output, "k8s")).FullName;
            Directory.CreateDirectory(Path.Combine(k8s, "gone"));
            await File.WriteAllTextAsync(Path.Combine(k8s, "gone", "deployment.yaml"), "kind: Deployment\n", ct);
            await File.WriteAllTextAsync(Path.Combine(k8s, "notes.txt"), "mine\n", ct);
            await File.WriteAllTextAsync(Path.Combine(k8s, "kustomization.yaml"),
                "resources:\n- gone/deployment.yaml\n- ../outside.yaml\n", ct);
            await File.WriteAllTextAsync(Path.Combine(output, "outside.yaml"), "kept\n", ct);

            await PublishFixture.PublishAsync(output);

            Assert.False(Directory.Exists(Path.Combine(k8s, "gone")));
            Assert.True(File.Exists(Path.Combine(k8s, "notes.txt")));
            Assert.True(File.Exists(Path.Combine(output, "outside.yaml")));
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    private T Load<T>(string path) => KubernetesYaml.Deserialize<T>(_files[path], strict: true);

    private IDictionary<string, string> Config(string name) => Load<V1ConfigMap>($"{name}/config.yaml").Data;

    private V1Container ContainerOf(string name) => Assert.Single(PodOf(name).Containers);

    private V1PodSpec PodOf(string name) =>
        (_files.ContainsKey($"{name}/statefulset.yaml")
            ? Load<V1StatefulSet>($"{name}/statefulset.yaml").Spec.Template
            : Load<V1Deployment>($"{name}/deployment.yaml").Spec.Template).Spec;
}
