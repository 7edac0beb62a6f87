using Microsoft.Extensions.Options;

namespace CryptoViz.Ingest.Lake;

public static class LakeExtensions
{
    /// <summary>
    /// The lake (docs/lake.md#layout): its writer, the hot store's history from before it, its compaction and, with a
    /// bucket configured, its copy in S3.
    /// </summary>
    public static void AddLake(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<LakeOptions>()
            .BindConfiguration(LakeOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<LakeOptions>, LakeOptionsValidation>();
        var lake = builder.Configuration.GetSection(LakeOptions.SectionName).Get<LakeOptions>() ?? new LakeOptions();
        if (!lake.Enabled) return;

        builder.Services.AddSingleton<LakeTelemetry>();
        builder.Services.AddSingleton(services =>
            LakeLayout.Resolve(services.GetRequiredService<IOptions<LakeOptions>>().Value, services.GetRequiredService<IConfiguration>()));
        builder.Services.AddSingleton<LakePartitions>();
        builder.Services.AddSingleton<LakeChanges>();
        builder.Services.AddSingleton<LakeConsumerFactory>();
        builder.Services.AddHostedService<LakeWriter>();
        builder.Services.AddHostedService<LakeSeeder>();
        builder.Services.AddSingleton<LakeCompactionService>();
        builder.Services.AddHostedService(services => services.GetRequiredService<LakeCompactionService>());
        if (lake.S3.Enabled) builder.Services.AddHostedService<LakeUploader>();
    }
}
