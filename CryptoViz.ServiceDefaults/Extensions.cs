using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using CryptoViz.ServiceDefaults.KafkaDiagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

// Aspire's service-defaults template, kept in its namespace so every service reads like an Aspire service.
public static class Extensions
{
    public const string HealthEndpointPath = "/health";
    public const string AlivenessEndpointPath = "/alive";
    public const string ReadinessEndpointPath = "/ready";

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();
        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<KafkaClientStatistics>();
        return builder;
    }

    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        // Polly logs every pipeline execution at Information, including the OTLP exporter's own HTTP calls.
        // A code filter would win over configuration, so a service that reports the outcome itself can still say less.
        if (builder.Configuration["Logging:LogLevel:Polly"] is null) builder.Logging.AddFilter("Polly", LogLevel.Warning);
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(KafkaTelemetry.MeterName)
                .AddMeter(builder.Environment.ApplicationName))
            .WithTracing(tracing => tracing
                .AddSource(builder.Environment.ApplicationName)
                .AddSource(KafkaTelemetry.ActivitySourceName)
                .AddAspNetCoreInstrumentation(o => o.Filter = ctx =>
                    !ctx.Request.Path.StartsWithSegments(HealthEndpointPath)
                    && !ctx.Request.Path.StartsWithSegments(AlivenessEndpointPath)
                    && !ctx.Request.Path.StartsWithSegments(ReadinessEndpointPath))
                // The SSE read that Web holds open to Stream would be one endless span: leave it out.
                .AddHttpClientInstrumentation(o => o.FilterHttpRequestMessage = r =>
                    r.Headers.Accept.All(a => a.MediaType != "text/event-stream")));

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        }

        return builder;
    }

    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), ["live"]);
        return builder;
    }

    /// <summary>
    /// Maps <c>/health</c> (every check) and the probe endpoints. Unlike the template these are mapped in every
    /// environment: orchestrator probes need them, and services bind to loopback by default.
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapHealthChecks(HealthEndpointPath);
        return app.MapProbeEndpoints();
    }

    /// <summary>
    /// <c>/alive</c> (liveness: restart when it fails) and <c>/ready</c> (readiness: every check, where a lost broker
    /// is Degraded and still answers 200, so the query API and open streams keep their traffic through an outage).
    /// What the AppHost and the published probes read, on every service; Stream's <c>/health</c> keeps V2's contract.
    /// </summary>
    public static WebApplication MapProbeEndpoints(this WebApplication app)
    {
        app.MapHealthChecks(ReadinessEndpointPath);
        app.MapHealthChecks(AlivenessEndpointPath, new HealthCheckOptions { Predicate = r => r.Tags.Contains("live") });
        return app;
    }
}
