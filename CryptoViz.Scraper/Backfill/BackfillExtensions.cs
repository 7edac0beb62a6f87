using CryptoViz.Scraper.Sources.Replay;
using CryptoViz.Scraper.Sources.Simulated;
using CryptoViz.Scraper.Sources;
using CryptoViz.Contracts.Messaging;
using Microsoft.Extensions.Options;

namespace CryptoViz.Scraper.Backfill;

public static class BackfillExtensions
{
    /// <summary>The backfill: its options, Ingest's coverage client, the offline sources' history, the service, its status.</summary>
    public static void AddBackfill(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<BackfillOptions>()
            .BindConfiguration(BackfillOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddHttpClient<IngestCoverageClient>((services, http) =>
            http.BaseAddress = services.GetRequiredService<IOptions<BackfillOptions>>().Value.Ingest);

        builder.Services.AddSingleton<ReplayClock>();
        builder.Services.AddSingleton<SimulatedMarketClock>();
        builder.Services.AddSingleton<IHistorySource, ReplayHistorySource>();
        builder.Services.AddSingleton<IHistorySource, SimulatedHistorySource>();

        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, CryptoVizJsonContext.Default));
        builder.Services.AddSingleton<HistoryPublisher>();
        builder.Services.AddSingleton<BackfillProgress>();
        builder.Services.AddSingleton<BackfillService>();
        builder.Services.AddHostedService(services => services.GetRequiredService<BackfillService>());
        builder.Services.AddHealthChecks().AddCheck<BackfillHealthCheck>(BackfillHealthCheck.Name);
    }
}
