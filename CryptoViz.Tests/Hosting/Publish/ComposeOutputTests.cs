using CryptoViz.Hosting.Publishing.Compose;

namespace CryptoViz.Tests.Hosting.Publish;

[Collection(PublishCollection.Name)]
public sealed class ComposeOutputTests(PublishFixture publish)
{
    private static readonly string[] s_services = ["kafka", "kafka-console", "kafka-topics", "lake-owner", "ingest", "scraper", "stream", "web"];
    private static readonly string[] s_projects = ["scraper", "ingest", "stream", "web"];

    private readonly ComposeFile _compose = PublishedFiles.ReadCompose(publish.ComposeDirectory);

    [Fact]
    public async Task Compose_file_passes_docker_compose_config()
    {
        var dockerCompose = CommandLine.Find("docker-compose")
            ?? throw new InvalidOperationException("docker-compose is not installed (apt-get install docker-compose; .ci/run does)");

        var (exitCode, output, error) = await CommandLine.RunAsync(dockerCompose, ["-f", "docker-compose.yaml", "config"],
            publish.ComposeDirectory, TestContext.Current.CancellationToken);

        Assert.True(exitCode == 0, error);
        Assert.Contains("kafka:9092", output);
    }

    [Fact]
    public void Every_resource_is_a_service_with_a_restart_policy_and_the_dashboard_receives_telemetry()
    {
        Assert.Equal([.. s_services, "compose-dashboard"], _compose.Services.Keys);
        Assert.All(_compose.Services.Where(s => s.Key is not ("kafka-topics" or "lake-owner")), s => Assert.Contains(s.Value.Restart, new[] { "unless-stopped", "always" }));
        Assert.StartsWith("mcr.microsoft.com/dotnet/aspire-dashboard:13.", _compose.Services["compose-dashboard"].Image);
        Assert.DoesNotContain(":latest", _compose.Services["compose-dashboard"].Image);
    }

    [Fact]
    public void The_broker_and_every_service_have_a_health_check_and_dependents_wait_until_healthy()
    {
        foreach (var name in s_projects.Append("kafka"))
        {
            var test = Assert.IsType<ComposeHealthcheck>(_compose.Services[name].Healthcheck).Test;
            Assert.Equal(["CMD", "bash", "-c"], test.Take(3));
        }

        Assert.Contains("GET /ready ", _compose.Services["ingest"].Healthcheck!.Test[3]);
        Assert.Contains("/dev/tcp/127.0.0.1/9644", _compose.Services["kafka"].Healthcheck!.Test[3]);
        foreach (var name in new[] { "scraper", "ingest", "stream", "kafka-console" })
        {
            Assert.Equal("service_healthy", _compose.Services[name].DependsOn!["kafka"].Condition);
        }

        Assert.Equal("service_healthy", _compose.Services["web"].DependsOn!["stream"].Condition);
    }

    [Fact]
    public void The_topics_are_created_once_the_broker_is_healthy_and_before_anything_that_waits_for_the_broker()
    {
        var topics = _compose.Services["kafka-topics"];

        Assert.Equal(["rpk"], topics.Entrypoint!);
        Assert.Equal(["topic", "create", "crypto-raw-data", "crypto-streaming", "crypto-predictions", "crypto-dlq", "crypto-candles",
            "--partitions", "3", "--if-not-exists", "-X", "brokers=kafka:9092"], topics.Command!);
        Assert.Equal("service_healthy", topics.DependsOn!["kafka"].Condition);
        Assert.Equal("on-failure", topics.Restart);
        foreach (var name in new[] { "scraper", "ingest", "stream", "kafka-console" })
        {
            Assert.Equal("service_completed_successfully", _compose.Services[name].DependsOn!["kafka-topics"].Condition);
        }
    }

    [Fact]
    public void Environment_reaches_each_resource_by_its_service_name_and_container_port()
    {
        foreach (var name in new[] { "scraper", "ingest", "stream" })
        {
            Assert.Equal("kafka:9092", _compose.Services[name].Environment!["ConnectionStrings__kafka"]);
            Assert.Equal("redpanda", _compose.Services[name].Environment!["Kafka__Broker"]);
        }

        var web = _compose.Services["web"].Environment!;
        Assert.DoesNotContain("Kafka__Broker", web.Keys);
        Assert.Equal("http://stream:8080", web["services__stream__http__0"]);
        Assert.Equal("http://ingest:8080", web["services__ingest__http__0"]);
        Assert.DoesNotContain(web.Keys, k => k.Contains("https", StringComparison.OrdinalIgnoreCase));
        Assert.Equal("DataSource=/home/app/crypto_analytics.duckdb", _compose.Services["ingest"].Environment!["ConnectionStrings__duckdb"]);
        Assert.Equal("kafka:9092", _compose.Services["kafka-console"].Environment!["KAFKA_BROKERS"]);
        Assert.Contains("internal://kafka:9092,external://localhost:19092", _compose.Services["kafka"].Command!);
        foreach (var name in s_projects)
        {
            var environment = _compose.Services[name].Environment!;
            Assert.Equal("8080", environment["HTTP_PORTS"]);
            Assert.Equal("http://compose-dashboard:18889", environment["OTEL_EXPORTER_OTLP_ENDPOINT"]);
            Assert.Equal("grpc", environment["OTEL_EXPORTER_OTLP_PROTOCOL"]);
            Assert.Equal(name, environment["OTEL_SERVICE_NAME"]);
        }
    }

    [Fact]
    public void Only_the_public_faces_and_the_operator_tools_have_host_ports_each_on_the_address_of_its_kind()
    {
        var published = _compose.Services.Where(s => s.Value.Ports is not null)
            .ToDictionary(s => s.Key, s => Assert.Single(s.Value.Ports!));

        Assert.Equal(new Dictionary<string, string>
        {
            ["kafka"] = "${CRYPTOVIZ_BIND_ADDRESS:-127.0.0.1}:19092:19092",
            ["kafka-console"] = "${CRYPTOVIZ_BIND_ADDRESS:-127.0.0.1}:8090:8080",
            ["stream"] = "${CRYPTOVIZ_PUBLIC_BIND_ADDRESS:-127.0.0.1}:5000:8080",
            ["web"] = "${CRYPTOVIZ_PUBLIC_BIND_ADDRESS:-127.0.0.1}:8501:8080",
            ["compose-dashboard"] = "${CRYPTOVIZ_BIND_ADDRESS:-127.0.0.1}:18888:18888",
        }, published);
    }

    [Fact]
    public async Task With_the_published_env_file_every_host_port_is_on_loopback()
    {
        var ports = await ResolvedPortsAsync(Path.Combine(publish.ComposeDirectory, ".env"));

        Assert.Equal(5, ports.Count);
        Assert.All(ports, p => Assert.StartsWith("127.0.0.1:", p.Value));
    }

    [Fact]
    public async Task The_public_bind_address_opens_Web_and_Stream_to_the_LAN_and_nothing_else()
    {
        var ct = TestContext.Current.CancellationToken;
        var envFile = Path.Combine(Directory.CreateTempSubdirectory("cryptoviz-lan-").FullName, ".env");
        try
        {
            var env = await File.ReadAllTextAsync(Path.Combine(publish.ComposeDirectory, ".env"), ct);
            await File.WriteAllTextAsync(envFile,
                env.Replace("CRYPTOVIZ_PUBLIC_BIND_ADDRESS=127.0.0.1", "CRYPTOVIZ_PUBLIC_BIND_ADDRESS=0.0.0.0"), ct);

            var ports = await ResolvedPortsAsync(envFile);

            Assert.Equal(["stream", "web"], ports.Where(p => p.Value.StartsWith("0.0.0.0:", StringComparison.Ordinal)).Select(p => p.Key).Order());
            Assert.Equal(3, ports.Count(p => p.Value.StartsWith("127.0.0.1:", StringComparison.Ordinal)));
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(envFile)!, recursive: true);
        }
    }

    [Fact]
    public void The_bind_addresses_are_documented_in_the_env_file_with_loopback_filled_in()
    {
        var env = File.ReadAllLines(Path.Combine(publish.ComposeDirectory, ".env"));

        foreach (var key in new[] { "CRYPTOVIZ_BIND_ADDRESS", "CRYPTOVIZ_PUBLIC_BIND_ADDRESS" })
        {
            var line = Array.IndexOf(env, $"{key}=127.0.0.1");
            Assert.True(line > 0, string.Join('\n', env));
            Assert.StartsWith("# ", env[line - 1]);
        }
    }

    [Fact]
    public void The_dashboard_asks_for_a_browser_token_taken_from_the_env_file()
    {
        var environment = _compose.Services["compose-dashboard"].Environment!;

        Assert.DoesNotContain("ASPIRE_DASHBOARD_UNSECURED_ALLOW_ANONYMOUS", environment.Keys);
        Assert.Equal("BrowserToken", environment["DASHBOARD__FRONTEND__AUTHMODE"]);
        Assert.Equal("${DASHBOARD_BROWSER_TOKEN}", environment["DASHBOARD__FRONTEND__BROWSERTOKEN"]);

        var env = File.ReadAllLines(Path.Combine(publish.ComposeDirectory, ".env"));
        var line = Array.IndexOf(env, "DASHBOARD_BROWSER_TOKEN=");
        Assert.True(line > 0, string.Join('\n', env));
        Assert.Contains("(secret)", env[line - 1]);
    }

    [Fact]
    public void The_broker_syncs_what_it_acknowledges_to_a_named_volume()
    {
        var kafka = _compose.Services["kafka"];

        Assert.DoesNotContain("--mode", kafka.Command!);
        Assert.DoesNotContain("dev-container", kafka.Command!);
        Assert.Contains("--unsafe-bypass-fsync=false", kafka.Command!);
        Assert.Equal("redpanda.write_caching_default=false", kafka.Command![kafka.Command.IndexOf("--set") + 1]);
        Assert.Equal(["kafka-data:/var/lib/redpanda/data"], kafka.Volumes!);
        Assert.Contains("kafka-data", _compose.Volumes.Keys);
    }

    [Fact]
    public void The_CoinMarketCap_key_is_a_placeholder_documented_in_the_env_file()
    {
        Assert.Equal("${COINMARKETCAP_API_KEY}", _compose.Services["scraper"].Environment!["CoinMarketCap__ApiKey"]);

        var env = File.ReadAllLines(Path.Combine(publish.ComposeDirectory, ".env"));
        var line = Array.IndexOf(env, "COINMARKETCAP_API_KEY=");
        Assert.True(line > 0, string.Join('\n', env));
        Assert.StartsWith("# coinmarketcap-api-key (secret): ", env[line - 1]);
    }

    [Fact]
    public async Task Publishing_again_keeps_the_values_a_user_filled_into_the_env_file()
    {
        var ct = TestContext.Current.CancellationToken;
        var directory = Directory.CreateTempSubdirectory("cryptoviz-republish-").FullName;
        try
        {
            await PublishFixture.PublishAsync(directory);
            var envPath = Path.Combine(directory, "compose", ".env");
            await File.WriteAllTextAsync(envPath,
                (await File.ReadAllTextAsync(envPath, ct)).Replace("COINMARKETCAP_API_KEY=", "COINMARKETCAP_API_KEY=users-own-key") + "EXTRA=kept\n", ct);

            await PublishFixture.PublishAsync(directory);

            var values = CryptoViz.Hosting.Publishing.DotEnvFile.Parse(await File.ReadAllLinesAsync(envPath, ct));
            Assert.Equal("users-own-key", values["COINMARKETCAP_API_KEY"]);
            Assert.Equal("kept", values["EXTRA"]);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>The host ports as <c>docker-compose config</c> resolves them with <paramref name="envFile"/>, by service.</summary>
    private async Task<Dictionary<string, string>> ResolvedPortsAsync(string envFile)
    {
        var dockerCompose = CommandLine.Find("docker-compose")
            ?? throw new InvalidOperationException("docker-compose is not installed (apt-get install docker-compose; .ci/run does)");
        var (exitCode, output, error) = await CommandLine.RunAsync(dockerCompose, ["--env-file", envFile, "-f", "docker-compose.yaml", "config"],
            publish.ComposeDirectory, TestContext.Current.CancellationToken);
        Assert.True(exitCode == 0, error);

        return PublishedFiles.ResolvedPorts(output).ToDictionary(s => s.Key, s => Assert.Single(s.Value));
    }
}
