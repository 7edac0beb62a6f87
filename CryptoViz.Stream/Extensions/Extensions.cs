using Confluent.Kafka;
using CryptoViz.ServiceDefaults.KafkaDiagnostics;
using CryptoViz.Stream.Apis;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using CryptoViz.Contracts.Apis;

namespace CryptoViz.Stream.Extensions;

public static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        // A group of its own per instance: sharing one would split the partitions between instances (and
        // with V2's server, docs/v2-contract.md#consumer-groups). Partitions are assigned by hand and nothing is committed.
        var groupId = $"cryptoviz-stream-{Guid.NewGuid():N}";
        builder.AddKafkaConsumer<string, byte[]>("kafka", settings =>
        {
            settings.Config.GroupId = groupId;
            settings.Config.EnableAutoCommit = false;
            settings.Config.EnableAutoOffsetStore = false;
            settings.Config.AutoOffsetReset = AutoOffsetReset.Latest;
            // After a burst that filled the local queue, librdkafka waits this long (default 1 s) before fetching again.
            settings.Config.FetchQueueBackoffMs ??= 100;
        }, (services, consumer) => consumer.UseKafkaDiagnostics(services));

        builder.Services.AddOptions<StreamOptions>()
            .BindConfiguration(StreamOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        builder.Services.AddOptions<SocketTransportOptions>().Configure<IOptions<StreamOptions>>((socket, stream) =>
        {
            socket.MaxWriteBufferSize = stream.Value.ClientWriteBufferSize;
            // A client's flush sends on the writer's own thread instead of queueing the send to Kestrel's I/O queue: one
            // thread-pool hop less per client per event, which at 10,000 clients is most of what a fan-out costs besides
            // the send itself (bench fanout). Safe because nothing of Stream's blocks a thread.
            socket.UnsafePreferInlineScheduling = stream.Value.InlineSends;
        });

        builder.Services.AddCors();
        // Public market data, read-only and without credentials: any page may read it, as from V2 (flask-cors' default)
        // and public exchange APIs, unless a list of origins is configured.
        builder.Services.AddOptions<CorsOptions>().Configure<IOptions<StreamOptions>>((cors, stream) =>
            cors.AddPolicy(StreamApi.CorsPolicy, policy =>
            {
                if (stream.Value.AllowsAnyOrigin) policy.AllowAnyOrigin();
                else policy.WithOrigins(stream.Value.AllowedOrigins);
                policy.WithMethods(HttpMethods.Get).WithHeaders("Cache-Control", "Last-Event-ID");
            }));

        builder.Services.AddProblemDetails();
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.TypeInfoResolverChain.Insert(0, StreamJsonContext.Default);
            o.SerializerOptions.TypeInfoResolverChain.Insert(0, StreamApiJsonContext.Default);
        });

        builder.Services.AddSingleton<StreamTelemetry>();
        builder.Services.AddSingleton(new ConsumerState(groupId, builder.Configuration[KafkaBroker.ConfigurationKey]));
        builder.Services.AddSingleton<StreamHub>();
        builder.Services.AddHostedService<KafkaStreamWorker>();
    }
}
