using Confluent.Kafka;
using CryptoViz.Tests.Support;

namespace CryptoViz.Tests.Ingest;

/// <summary>What Ingest's effectively-once design rests on, proven against the real wire protocol.</summary>
public sealed class ConsumerGroupResumeTests(EmbeddedKafkaFixture kafka) : IClassFixture<EmbeddedKafkaFixture>
{
    [Fact]
    public async Task A_restarted_member_resumes_after_the_last_committed_offset()
    {
        var topic = $"resume-{Guid.NewGuid():N}";
        kafka.CreateTopic(topic, partitions: 3);
        var group = $"group-{Guid.NewGuid():N}";
        using (var producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = kafka.BootstrapServers, EnableIdempotence = true }).Build())
        {
            for (var i = 0; i < 100; i++)
            {
                await producer.ProduceAsync(topic, new Message<string, string> { Key = $"K{i % 7}", Value = i.ToString() }, TestContext.Current.CancellationToken);
            }
        }

        var first = ConsumeAndCommit(topic, group, take: 40);
        var second = ConsumeAndCommit(topic, group, take: 60);

        Assert.Equal(40, first.Count);
        Assert.Equal(60, second.Count);
        Assert.Empty(first.Intersect(second));
        Assert.Equal(Enumerable.Range(0, 100).Select(i => i.ToString()).Order(), first.Concat(second).Order());
    }

    private List<string> ConsumeAndCommit(string topic, string group, int take)
    {
        var config = new ConsumerConfig
        {
            BootstrapServers = kafka.BootstrapServers,
            GroupId = group,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = true,
            EnableAutoOffsetStore = false,
            FetchWaitMaxMs = 10,
            SessionTimeoutMs = 6000,
        };
        using var consumer = new ConsumerBuilder<string, string>(config).Build();
        consumer.Subscribe(topic);
        var values = new List<string>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (values.Count < take)
        {
            var result = consumer.Consume(timeout.Token);
            values.Add(result.Message.Value);
            consumer.StoreOffset(result);
        }

        consumer.Close();
        return values;
    }
}
