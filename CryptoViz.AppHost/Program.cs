var builder = DistributedApplication.CreateBuilder(PublicEndpointExtensions.WithoutLanSwitch(args));
var lan = builder.IsLanEnabled(args);
builder.AddRestartSupervisor();

// Where `aspire publish` deploys this same model; neither exists in run mode.
builder.AddDockerComposeEnvironment("compose");
builder.AddKubernetesEnvironment("k8s");

// README "Broker modes": Kafka:Mode, or by default whatever this machine can run (publish mode always ships Redpanda).
var topics = CryptoViz.Contracts.Messaging.Topics.All
    .Select(topic => new KafkaTopic(topic, CryptoViz.Contracts.Messaging.Topics.SeedPartitions));
IResourceBuilder<IResourceWithConnectionString> kafka = builder.ChooseKafkaMode("kafka") switch
{
    KafkaMode.Embedded => builder.AddEmbeddedKafka("kafka").WithTopics(topics),
    KafkaMode.Container => builder.AddRedpanda("kafka").WithTopics(topics),
    _ => builder.AddExternalKafka("kafka").WithTopics(topics),
};
var duckdb = builder.AddDuckDB("duckdb");
var lake = builder.AddLake("lake");

// Published, each replica keeps a hot store of its own and all of them write one lake; any of them answers any query.
var ingest = builder.AddProject<Projects.CryptoViz_Ingest>("ingest")
    .WithReference(kafka).WithReference(duckdb).WithLake(lake).WaitFor(kafka)
    .WithReadinessReport().WithConfiguredPort().WithDevFootprint().WithConfiguredReplicas(published: 2)
    .WithOperatorCommand("evaluate-models", "Evaluate models", "Backtest every series and publish the served forecasts now", "BrainCircuit");

// The scraper asks Ingest which history it lacks; it does not wait for it, live quotes come first.
var scraper = builder.AddProject<Projects.CryptoViz_Scraper>("scraper")
    .WithReference(kafka).WithReference(ingest).WaitFor(kafka).WithCoinMarketCapKey()
    .WithReadinessReport().WithConfiguredPort().WithDevFootprint()
    .WithOperatorCommand("backfill", "Backfill history", "Fill every live series' gaps from its source's history now", "History")
    .WithBackfillProgress();

// Stream's memory grows with its clients: up to Stream:MaxClients (15,000) idle SSE clients at ~50 KB each (bench `idle`,
// ~730 MiB) beside ~140 MiB of its own do not fit the services' 512 Mi, and fit 1 Gi.
var stream = builder.AddProject<Projects.CryptoViz_Stream>("stream")
    .WithReference(kafka).WaitFor(kafka)
    .WithReadinessReport().WithConfiguredPort().WithDevFootprint().AsPublicFace(lan).WithConfiguredReplicas(published: 3)
    .WithPublishedMemory(request: "256Mi", limit: "1Gi");

builder.AddProject<Projects.CryptoViz_Web>("web")
    .WithReference(stream).WithReference(ingest).WithReference(scraper).WaitFor(stream)
    .WithReadinessReport().WithConfiguredPort().WithDevFootprint().AsPublicFace(lan);

builder.Build().Run();
