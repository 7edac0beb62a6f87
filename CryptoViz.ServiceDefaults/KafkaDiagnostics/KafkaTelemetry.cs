using System.Diagnostics;
using System.Text;
using Confluent.Kafka;
using OpenTelemetry;
using OpenTelemetry.Context.Propagation;

namespace CryptoViz.ServiceDefaults.KafkaDiagnostics;

/// <summary>
/// Tracing for Kafka, which Confluent.Kafka lacks. W3C trace context travels in message headers and
/// a consumer's process span is a <b>child</b> of the producer's span (Aspire's instrumentation only
/// links them), so one tick is one trace from scraper to ingest and stream.
/// </summary>
public static class KafkaTelemetry
{
    public const string ActivitySourceName = "CryptoViz.Kafka";
    public const string MeterName = "CryptoViz.Kafka";

    internal static readonly ActivitySource Source = new(ActivitySourceName);

    private static readonly TextMapPropagator s_propagator =
        new CompositeTextMapPropagator([new TraceContextPropagator(), new BaggagePropagator()]);

    /// <summary>Whether anyone records Kafka spans: batch consumers keep what a span needs only then.</summary>
    public static bool IsTracing => Source.HasListeners();

    public static Activity? StartPublish(string topic, object? key)
    {
        var activity = Source.StartActivity($"{topic} publish", ActivityKind.Producer);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("messaging.system", "kafka");
            activity.SetTag("messaging.operation.type", "send");
            activity.SetTag("messaging.destination.name", topic);
            if (key is string k) activity.SetTag("messaging.kafka.message.key", k);
        }

        return activity;
    }

    public static void Inject(Activity? activity, Headers headers)
    {
        if (activity is null) return;
        s_propagator.Inject(new PropagationContext(activity.Context, Baggage.Current), headers, static (h, name, value) =>
        {
            h.Remove(name);
            h.Add(name, Encoding.UTF8.GetBytes(value));
        });
    }

    public static PropagationContext Extract(Headers? headers) =>
        s_propagator.Extract(default, headers, static (h, name) =>
            h is not null && h.TryGetLastBytes(name, out var bytes) ? [Encoding.UTF8.GetString(bytes)] : []);

    /// <summary>
    /// A span for processing one consumed message, parented on the producer's context from its headers.
    /// <paramref name="startTime"/> lets batch consumers open the span when the message arrived and close it
    /// once the batch that holds it is stored.
    /// </summary>
    public static Activity? StartProcess<TKey, TValue>(ConsumeResult<TKey, TValue> result, string? consumerGroup,
        DateTimeOffset startTime = default)
    {
        // Reading the headers costs more than the rest of a message's processing when nobody records spans.
        if (!IsTracing) return null;
        var parent = Extract(result.Message.Headers);
        var activity = Source.StartActivity($"{result.Topic} process", ActivityKind.Consumer, parent.ActivityContext,
            startTime: startTime);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("messaging.system", "kafka");
            activity.SetTag("messaging.operation.type", "process");
            activity.SetTag("messaging.destination.name", result.Topic);
            activity.SetTag("messaging.destination.partition.id", result.Partition.Value.ToString());
            activity.SetTag("messaging.kafka.offset", result.Offset.Value);
            if (consumerGroup is not null) activity.SetTag("messaging.consumer.group.name", consumerGroup);
            if (result.Message.Key is string k) activity.SetTag("messaging.kafka.message.key", k);
        }

        return activity;
    }
}
