using System.Text.Json;
using Confluent.Kafka;
using CryptoViz.Contracts.Messaging;
using CryptoViz.Tests.Support;
using DuckDB.NET.Data;

namespace CryptoViz.Tests.Ingest;

/// <summary>
/// Issue 5: the real Ingest process is SIGKILLed in the middle of a stream and restarted; every record
/// ends up stored exactly once. The broker lives in the test process, so it survives the crash with the
/// group's committed offsets, as a real Kafka would.
/// </summary>
public sealed class IngestCrashTests : IDisposable
{
    private const int Records = 20_000;
    private const int PerTick = 10; // 10 records every 10 ms: a 1,000 records/s stream for 20 s
    private static readonly TimeSpan s_tick = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(90);
    private static readonly DateTime s_start = new(2025, 9, 4, 12, 0, 0, DateTimeKind.Utc);

    private readonly string _directory = Directory.CreateTempSubdirectory("cryptoviz-crash-").FullName;
    private readonly EmbeddedKafkaFixture _kafka = new();
    private readonly string _group = $"ingest-crash-{Guid.NewGuid():N}";

    [Fact]
    public async Task Kill_9_mid_stream_and_restart_loses_no_record_and_stores_none_twice()
    {
        var ct = TestContext.Current.CancellationToken;
        var database = Path.Combine(_directory, "crash.duckdb");
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__kafka"] = _kafka.BootstrapServers,
            ["ConnectionStrings__duckdb"] = $"DataSource={database}",
            ["Aspire__Confluent__Kafka__Consumer__Config__FetchWaitMaxMs"] = "10",
            ["Aspire__Confluent__Kafka__Consumer__Config__SessionTimeoutMs"] = "6000",
            ["Aspire__Confluent__Kafka__Consumer__Config__HeartbeatIntervalMs"] = "1000",
            ["Ingest__ConsumerGroup"] = _group,
            ["Ingest__Retention__Enabled"] = "false", // the records are dated 2025: retention must not count against them
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "",
        };
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = _kafka.BootstrapServers })
            .SetLogHandler((_, _) => { })
            .Build();
        var killed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stopStream = CancellationTokenSource.CreateLinkedTokenSource(ct);
        stopStream.CancelAfter(s_timeout * 2);

        IngestProcess? first = null;
        IngestProcess? second = null;
        try
        {
            first = IngestProcess.Start(environment);
            var stream = Task.Run(() => StreamAsync(killed.Task, stopStream.Token), stopStream.Token);

            // Kill once the group has committed something and the child has stored more than that: the
            // restart must then re-deliver rows that are already in DuckDB.
            var atKill = await Eventually.GetAsync(
                async () => { Assert.False(first.HasExited, first.Tail); return (long?)await CommittedAsync(admin); },
                committed => committed > 0 && first.Stored > committed,
                s_timeout, $"committed offsets > 0 and fewer than the rows stored by the first Ingest");
            await first.KillAsync(ct);
            killed.SetResult();
            var committedAtKill = await CommittedAsync(admin);
            var storedBeforeKill = first.Stored;

            Assert.Equal(137, first.ExitCode); // 128 + SIGKILL: it did not shut down on its own
            Assert.InRange(committedAtKill, 1, Records - 1);
            Assert.True(storedBeforeKill > committedAtKill,
                $"stored {storedBeforeKill} rows, committed {committedAtKill} (checked at {atKill}): nothing to re-deliver");

            TestContext.Current.TestOutputHelper?.WriteLine($"killed pid {first.Id}: {committedAtKill} of {Records} offsets committed, {storedBeforeKill} rows stored");
            second = IngestProcess.Start(environment);
            await Eventually.GetAsync(
                async () => { Assert.False(second.HasExited, second.Tail); return (long?)await CommittedAsync(admin); },
                committed => committed == Records, s_timeout, $"all {Records} offsets committed after the restart");
            await stream;
            using (var stopping = CancellationTokenSource.CreateLinkedTokenSource(ct))
            {
                stopping.CancelAfter(TimeSpan.FromSeconds(30));
                await second.StopAsync(stopping.Token);
            }

            TestContext.Current.TestOutputHelper?.WriteLine($"restart stored {second.Stored} rows and dropped {second.Duplicates} re-delivered ones");
            Assert.Equal(0, second.ExitCode);
            Assert.True(second.Duplicates > 0, $"the restart re-delivered nothing already stored; {second.Tail}");
            // What the first run stored is never stored again (its log may have lost the last lines to the kill, never more).
            Assert.InRange(second.Stored, 1, Records - storedBeforeKill);
        }
        finally
        {
            await stopStream.CancelAsync();
            first?.Dispose();
            second?.Dispose();
        }

        // Both children are gone, so the test process may open the file now.
        using var connection = new DuckDBConnection($"DataSource={database}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT count(*), count(DISTINCT (symbol, source, "timestamp")),
                   min("timestamp"), max("timestamp")
            FROM crypto_prices
            """;
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal(Records, reader.GetInt64(0));
        Assert.Equal(Records, reader.GetInt64(1));
        Assert.Equal(s_start, DateTime.SpecifyKind(reader.GetDateTime(2), DateTimeKind.Utc));
        Assert.Equal(s_start.AddSeconds(Records - 1), DateTime.SpecifyKind(reader.GetDateTime(3), DateTimeKind.Utc));
    }

    /// <summary>
    /// Produces the records at a steady pace. Three quarters in, it waits for the kill, so that a slow
    /// start of the child cannot let it consume the whole stream before it is killed.
    /// </summary>
    private async Task StreamAsync(Task killed, CancellationToken cancellationToken)
    {
        using var producer = _kafka.CreateProducer<string, byte[]>();
        using var timer = new PeriodicTimer(s_tick);
        var failed = 0;
        for (var i = 0; i < Records; i++)
        {
            if (i == Records * 3 / 4) await killed.WaitAsync(cancellationToken);
            if (i % PerTick == 0) await timer.WaitForNextTickAsync(cancellationToken);
            var price = Record(i);
            producer.Produce(Topics.RawData, new Message<string, byte[]> { Key = price.Symbol, Value = Json(price) },
                report => { if (report.Error.IsError) Interlocked.Increment(ref failed); });
        }

        producer.Flush(cancellationToken);
        Assert.Equal(0, failed);
    }

    private async Task<long> CommittedAsync(IAdminClient admin)
    {
        var partitions = Enumerable.Range(0, Topics.SeedPartitions).Select(p => new TopicPartition(Topics.RawData, p)).ToList();
        try
        {
            var results = await admin.ListConsumerGroupOffsetsAsync([new ConsumerGroupTopicPartitions(_group, partitions)]);
            return results.SelectMany(r => r.Partitions).Where(p => p.Offset.Value >= 0).Sum(p => p.Offset.Value);
        }
        catch (KafkaException)
        {
            return 0; // the group does not exist yet
        }
    }

    // Distinct natural keys: one symbol per record index modulo 50, one second per record.
    private static CryptoPrice Record(int i) => new()
    {
        Name = $"Coin {i % 50}", Symbol = $"C{i % 50}", Price = 100 + i, PercentChange24h = 0.5, MarketCap = 1e9,
        Source = "crash", Timestamp = s_start.AddSeconds(i), IngestionTimestamp = s_start.AddSeconds(i),
        ProducerId = "ingest-crash-tests",
    };

    private static byte[] Json(CryptoPrice p) => JsonSerializer.SerializeToUtf8Bytes(p, CryptoVizJsonContext.Default.CryptoPrice);

    public void Dispose()
    {
        _kafka.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
