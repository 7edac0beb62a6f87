using System.Diagnostics;
using System.Text.Json;
using Confluent.Kafka;
using CryptoViz.Bench.Footprint;
using CryptoViz.Contracts.Messaging;
using static CryptoViz.Bench.MarkdownTable;

namespace CryptoViz.Bench.Stream;

/// <summary>
/// What a connected but idle <c>/stream</c> client costs Stream in memory: the server's resident memory with no client,
/// then after each step of <c>--clients</c> more. Every client has read the welcome, the snapshot and one update of every
/// key, then waits; the figure per client is the growth of a step divided by its clients.
/// </summary>
internal static class IdleClientsBenchmark
{
    private const string Source = "idlebench";

    /// <summary>
    /// As in a pod limited to one CPU (deploy/k8s/stream: the runtime sees one processor, so the GC is the workstation
    /// one), with a small gen0 budget so that resident memory follows what is live rather than when the GC last ran.
    /// </summary>
    private static readonly Dictionary<string, string> s_podLike = new()
    {
        ["DOTNET_PROCESSOR_COUNT"] = "1",
        ["DOTNET_gcServer"] = "0",
        ["DOTNET_GCgen0size"] = "0x200000",
    };

    private static readonly TimeSpan s_readTimeout = TimeSpan.FromSeconds(120);

    public static async Task<int> RunAsync(BenchArgs args)
    {
        var step = args.GetInt("clients", 1_000);
        var steps = args.GetInt("steps", 2);
        var keys = args.GetInt("keys", 80);
        // Past Stream's 30 s heartbeat, when a quiet client gives back what the last burst took.
        var settle = TimeSpan.FromSeconds(args.GetInt("settle", 35));
        if (args.GetString("url") is not null)
        {
            Console.Error.WriteLine("idle measures our own Stream's process: --url does not apply.");
            return 2;
        }

        using var target = await StreamTarget.StartAsync(args, s_podLike);
        var pid = target.ServerPid!.Value;
        Console.WriteLine($"idle: {steps} × {step:N0} clients, snapshot of {keys} keys, {settle.TotalSeconds:N0} s to settle, server {target.Description} " +
                          $"({string.Join(' ', s_podLike.Select(e => $"{e.Key}={e.Value}"))})");

        using var stop = new CancellationTokenSource();
        using var producer = new ProducerBuilder<string, byte[]>(EmbeddedKafka.ProducerConfig(target.BootstrapServers))
            .SetLogHandler((_, _) => { })
            .Build();
        var clients = new List<IdleSseClient>();
        try
        {
            // One reader from the start, so that the snapshot is known to be complete before the baseline.
            clients.Add(await IdleSseClient.ConnectAsync(target.StreamUrl, stop.Token));
            var round = 0;
            ProduceRound(producer, target.Topic, keys, round++);
            await WaitAsync(clients, keys, "the first reader to have the snapshot");

            var rows = new List<string[]>();
            var baseline = await SettleAsync(pid, settle);
            var previous = baseline;
            rows.Add(Row(0, baseline, null, 0));
            for (var i = 1; i <= steps; i++)
            {
                var added = new List<IdleSseClient>();
                for (var c = 0; c < step; c++) added.Add(await IdleSseClient.ConnectAsync(target.StreamUrl, stop.Token));
                clients.AddRange(added);
                await WaitAsync(added, keys, $"{step:N0} new clients to have the snapshot");

                var expected = clients.ToDictionary(c => c, c => c.Updates + keys);
                ProduceRound(producer, target.Topic, keys, round++);
                await WaitAsync(clients, c => expected[c], "every client to have the update of every key");

                var now = await SettleAsync(pid, settle);
                rows.Add(Row(i * step, now, previous, step));
                previous = now;
            }

            Print(["clients", "VmRSS MiB", "RssAnon MiB", "RssAnon growth per added client, bytes", "VmRSS growth per added client, bytes"], rows);
            var perClient = (previous.AnonKb - baseline.AnonKb) * 1024.0 / (steps * step);
            Console.WriteLine($"resident (anonymous) memory per idle client over all steps: {N(perClient)} bytes; " +
                              $"10,000 clients ≈ {N(perClient * 10_000 / (1024 * 1024))} MiB on top of {N(baseline.RssKb / 1024.0)} MiB without clients");
            return 0;
        }
        finally
        {
            await stop.CancelAsync();
            foreach (var client in clients) client.Dispose();
            await Task.WhenAll(clients.Select(c => c.Reading));
        }
    }

    /// <summary>One record per key (<c>K000</c>… on one source), each key on its own partition as the Scraper keys them.</summary>
    private static void ProduceRound(IProducer<string, byte[]> producer, string topic, int keys, int round)
    {
        var now = DateTime.UtcNow;
        for (var k = 0; k < keys; k++)
        {
            var price = new CryptoPrice
            {
                Name = $"Idle coin {k}",
                Symbol = $"K{k:D3}",
                Price = 100 + round,
                PercentChange24h = 1.5,
                MarketCap = 1e9,
                Source = Source,
                Timestamp = new DateTime(now.Ticks - now.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc),
                IngestionTimestamp = V2Time.TruncateToMicroseconds(now),
                ProducerId = "bench-idle",
            };
            EmbeddedKafka.ProduceWithBackpressure(producer, topic, new Message<string, byte[]>
            {
                Key = MessageKey.For(price),
                Value = JsonSerializer.SerializeToUtf8Bytes(price, CryptoVizJsonContext.Default.CryptoPrice),
            });
        }

        producer.Flush(TimeSpan.FromSeconds(30));
    }

    private static Task WaitAsync(IReadOnlyList<IdleSseClient> clients, int updates, string what) =>
        WaitAsync(clients, _ => updates, what);

    private static async Task WaitAsync(IReadOnlyList<IdleSseClient> clients, Func<IdleSseClient, int> updates, string what)
    {
        var started = Stopwatch.GetTimestamp();
        while (clients.Any(c => c.Updates < updates(c)))
        {
            if (Stopwatch.GetElapsedTime(started) > s_readTimeout)
            {
                var behind = clients.Count(c => c.Updates < updates(c));
                throw new TimeoutException($"Waited {s_readTimeout.TotalSeconds:N0} s for {what}; {behind} of {clients.Count} still behind.");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>After <paramref name="settle"/> of quiet, the median of five readings a second apart.</summary>
    private static async Task<MemoryFigures> SettleAsync(int pid, TimeSpan settle)
    {
        await Task.Delay(settle);
        var readings = new List<MemoryFigures>();
        for (var s = 0; s < 5; s++)
        {
            readings.Add(ProcFs.TryReadMemory(pid) ?? throw new InvalidOperationException("Stream has exited."));
            await Task.Delay(TimeSpan.FromSeconds(1));
        }

        return readings.OrderBy(r => r.AnonKb).ElementAt(readings.Count / 2);
    }

    private static string[] Row(int clients, MemoryFigures now, MemoryFigures? previous, int added) =>
    [
        N(clients), N(now.RssKb / 1024.0, "N1"), N(now.AnonKb / 1024.0, "N1"),
        previous is null ? "" : N((now.AnonKb - previous.AnonKb) * 1024.0 / added),
        previous is null ? "" : N((now.RssKb - previous.RssKb) * 1024.0 / added),
    ];
}
