using CryptoViz.Bench;
using CryptoViz.Bench.Faults;
using CryptoViz.Bench.Footprint;
using CryptoViz.Bench.Forecast;
using CryptoViz.Bench.Ingest;
using CryptoViz.Bench.Micro;
using CryptoViz.Bench.Replay;
using CryptoViz.Bench.Stream;

var options = new BenchArgs(args.Skip(1).ToArray());
return args.FirstOrDefault() switch
{
    "ingest" => await IngestBenchmark.RunAsync(options),
    "candles" => await CandleBenchmark.RunAsync(options),
    "stream" => await StreamBenchmark.RunAsync(options),
    "fanout" => await FanOutBenchmark.RunAsync(options),
    "idle" => await IdleClientsBenchmark.RunAsync(options),
    "replay" => await ReplayBenchmark.RunAsync(options),
    "micro" => MessageBenchmarks.Run(args[1..]),
    "footprint" => await FootprintBenchmark.RunAsync(options),
    "forecast" => await ForecastBenchmark.RunAsync(options),
    "faults" => await FaultBenchmark.RunAsync(options),
    ReaderChild.Command => await ReaderChild.RunAsync(options),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        usage: dotnet run -c Release --project bench/CryptoViz.Bench -- <command> [options]
          ingest [--records 600000] [--runs 3] [--warmup 1]       consume vs consume+DuckDB store rate, alone and with the lake writer (medians)
          candles [--ticks 50000000] [--lake]                     1m candles of 24 h of one coin: stored rollup vs raw ticks (vs the lake)
          stream [--rate 10000] [--clients 100] [--seconds 20]    producer -> SSE client latency vs broker floor
          fanout [--rate 1000] [--p99-ms 100] [--from 100]        most SSE clients within the p99 bound (doubling, then --refine 2)
            [--replicas 1]                                          that many Stream instances, clients spread over them in turn
            stream/fanout also take --url <sse url> --broker <host:port> --topic <name> to measure any V2-style server
          idle [--clients 1000] [--steps 2] [--keys 80]           Stream's resident memory per connected idle SSE client
          replay [--seconds 15]                                   replay source at full speed into the broker: ticks/s, produce latency
          micro  [--quick] [BenchmarkDotNet args, e.g. --filter *Parse*]
          forecast [--runs 3] [--minutes 10] [--reevaluation 15]  CPU of Ingest's forecasts: 40 series x 7 days re-evaluated vs read/naive floors, share of a core
          footprint [--minutes 4] [--configuration Debug]          RSS of the four services under the built AppHost (median of the last 30 s)
            [--window 30] [--samples 7] [--free-ports | --web-port N --stream-port N --ingest-port N --scraper-port N
             --dashboard-port N --otlp-port N] [--data-dir <dir>] [--health-timeout 300] [--browser [--page /]] [--repo <dir>]
          faults [--scenarios baseline,kill,dlq,outage,disk,poison,sse,hung] [--load 200]  fault scenarios on the real app model:
            published / stored / duplicates / lost per scenario and seconds to recover (options: bench/README.md, faults)
        See bench/README.md.
        """);
    return 2;
}
