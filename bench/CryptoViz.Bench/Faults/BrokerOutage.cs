using Confluent.Kafka;

namespace CryptoViz.Bench.Faults;

/// <summary>
/// The embedded broker's <c>simulate-outage</c> command: the broker goes away, closing every client's connection, and
/// comes back by itself after <c>Kafka:Embedded:OutageSeconds</c> (the bench passes <c>--outage</c>).
/// </summary>
internal sealed class BrokerOutage(TimeSpan outage) : FaultScenario
{
    public override string Name => $"broker down {outage.TotalSeconds:N0} s";

    public override async Task<Injection> InjectAsync(FaultContext context, CancellationToken cancellationToken)
    {
        var result = await context.App.ExecuteCommandAsync("kafka", "simulate-outage", cancellationToken);
        if (!result.Success) throw new InvalidOperationException($"simulate-outage failed: {result.Message}");
        var down = DateTime.UtcNow;
        await Task.Delay(outage, cancellationToken);
        // Over when the broker answers again.
        await Poll.UntilAsync(() => Task.FromResult(Answers(context.App)), answers => answers, TimeSpan.FromMinutes(1), cancellationToken);
        return new Injection($"simulate-outage: broker unreachable, answering again after {context.Since(down):N1} s", DateTime.UtcNow);
    }

    private static bool Answers(FaultApp app)
    {
        try
        {
            app.Broker.GetMetadata(TimeSpan.FromSeconds(1));
            return true;
        }
        catch (KafkaException)
        {
            return false;
        }
    }
}
