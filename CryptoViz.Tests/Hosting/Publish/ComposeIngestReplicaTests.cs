using CryptoViz.Hosting.Publishing;
using CryptoViz.Hosting.Publishing.Compose;

namespace CryptoViz.Tests.Hosting.Publish;

/// <summary>Ingest's replicas in compose: one hot store volume whose slots they share, one lake volume, an optional bucket.</summary>
[Collection(PublishCollection.Name)]
public sealed class ComposeIngestReplicaTests(PublishFixture publish)
{
    private static readonly Dictionary<string, string> s_s3Placeholders = new()
    {
        ["Ingest__Lake__S3__Bucket"] = "${LAKE_S3_BUCKET}",
        ["Ingest__Lake__S3__ServiceUrl"] = "${LAKE_S3_SERVICE_URL}",
        ["Ingest__Lake__S3__Region"] = "${LAKE_S3_REGION}",
        ["Ingest__Lake__S3__Prefix"] = "${LAKE_S3_PREFIX}",
        ["Ingest__Lake__S3__ForcePathStyle"] = "${LAKE_S3_FORCE_PATH_STYLE}",
        ["Ingest__Lake__S3__AccessKey"] = "${LAKE_S3_ACCESS_KEY}",
        ["Ingest__Lake__S3__SecretKey"] = "${LAKE_S3_SECRET_KEY}",
    };

    private readonly ComposeFile _compose = PublishedFiles.ReadCompose(publish.ComposeDirectory);

    [Fact]
    public void Ingest_runs_two_replicas_on_one_hot_store_volume_and_one_lake_volume()
    {
        var ingest = _compose.Services["ingest"];

        Assert.Equal(2, ingest.Deploy?.Replicas);
        // The replicas take slots beside the configured file (crypto_analytics.duckdb, crypto_analytics.2.duckdb) on the
        // first volume, and write the lake on the second.
        Assert.Equal(["duckdb:/home/app", "lake:/lake"], ingest.Volumes!);
        Assert.Equal("DataSource=/home/app/crypto_analytics.duckdb", ingest.Environment!["ConnectionStrings__duckdb"]);
        Assert.Equal("/lake", ingest.Environment["Ingest__Lake__Path"]);
        Assert.Equal(["duckdb", "kafka-data", "lake"], _compose.Volumes.Keys.Order());
    }

    [Fact]
    public void A_service_with_a_host_port_runs_once_since_one_port_fits_one_container()
    {
        Assert.Null(_compose.Services["stream"].Deploy);
        Assert.All(_compose.Services.Where(s => s.Value.Ports is not null), s => Assert.Null(s.Value.Deploy));
    }

    [Fact]
    public void The_lake_volume_is_handed_to_the_app_users_group_before_Ingest_starts()
    {
        var owner = _compose.Services["lake-owner"];

        Assert.Equal("root", owner.User);
        Assert.Equal(["lake:/lake"], owner.Volumes!);
        Assert.Equal(["sh", "-c"], owner.Entrypoint!);
        Assert.Equal([$"chgrp {ProjectImages.AppUserGroupId} /lake && chmod 2775 /lake"], owner.Command!);
        Assert.Equal("on-failure", owner.Restart);
        Assert.Equal(ProjectImages.For("ingest"), owner.Image);
        Assert.Equal("service_completed_successfully", _compose.Services["ingest"].DependsOn!["lake-owner"].Condition);
        // The hot store's volume is mounted on the image's home of the app user, whose owner Docker copies into it.
        Assert.DoesNotContain("duckdb-owner", _compose.Services.Keys);
    }

    [Fact]
    public void The_lake_S3_settings_are_placeholders_documented_in_the_env_file_with_the_keys_as_secrets()
    {
        var environment = _compose.Services["ingest"].Environment!;
        var env = File.ReadAllLines(Path.Combine(publish.ComposeDirectory, ".env"));

        Assert.Equal(s_s3Placeholders, environment.Where(v => v.Key.StartsWith("Ingest__Lake__S3__", StringComparison.Ordinal))
            .ToDictionary());
        AssertEnvEntry(env, "LAKE_S3_BUCKET=", "# lake-s3-bucket: ");
        AssertEnvEntry(env, "LAKE_S3_REGION=us-east-1", "# lake-s3-region: ");
        AssertEnvEntry(env, "LAKE_S3_FORCE_PATH_STYLE=true", "# lake-s3-force-path-style: ");
        AssertEnvEntry(env, "LAKE_S3_ACCESS_KEY=", "# lake-s3-access-key (secret): ");
        AssertEnvEntry(env, "LAKE_S3_SECRET_KEY=", "# lake-s3-secret-key (secret): ");
    }

    [Fact]
    public async Task With_the_published_env_file_every_S3_setting_resolves_and_the_empty_bucket_leaves_S3_off()
    {
        var dockerCompose = CommandLine.Find("docker-compose")
            ?? throw new InvalidOperationException("docker-compose is not installed (apt-get install docker-compose; .ci/run does)");

        var (exitCode, output, error) = await CommandLine.RunAsync(dockerCompose, ["-f", "docker-compose.yaml", "config"],
            publish.ComposeDirectory, TestContext.Current.CancellationToken);

        Assert.True(exitCode == 0, error);
        Assert.DoesNotContain("is not set", error);
        var environment = PublishedFiles.ResolvedEnvironment(output, "ingest");
        Assert.Equal(new Dictionary<string, string>
        {
            ["Ingest__Lake__S3__Bucket"] = "",
            ["Ingest__Lake__S3__ServiceUrl"] = "",
            ["Ingest__Lake__S3__Region"] = "us-east-1",
            ["Ingest__Lake__S3__Prefix"] = "",
            ["Ingest__Lake__S3__ForcePathStyle"] = "true",
            ["Ingest__Lake__S3__AccessKey"] = "",
            ["Ingest__Lake__S3__SecretKey"] = "",
        }, environment.Where(v => v.Key.StartsWith("Ingest__Lake__S3__", StringComparison.Ordinal)).ToDictionary());
    }

    private static void AssertEnvEntry(string[] env, string line, string commentStart)
    {
        var index = Array.IndexOf(env, line);
        Assert.True(index > 0, $"{line} is missing:\n{string.Join('\n', env)}");
        Assert.StartsWith(commentStart, env[index - 1]);
    }
}
