using System.Diagnostics;
using System.Globalization;

namespace CryptoViz.Bench.Stream;

/// <summary>
/// Send→receive latencies in 50 µs buckets up to 10 s, shared by all readers (Interlocked): 100 clients at
/// 10k events/s are millions of samples, too many to keep one by one.
/// </summary>
internal sealed class LatencyHistogram
{
    private const long BucketMicros = 50;
    private readonly long[] _buckets = new long[200_001];
    private long _count;
    private long _maxTicks;

    public long Count => Interlocked.Read(ref _count);

    public void Record(long sentTimestamp, long receivedTimestamp)
    {
        var ticks = receivedTimestamp - sentTimestamp;
        var micros = ticks * 1_000_000 / Stopwatch.Frequency;
        Add(Math.Clamp(micros / BucketMicros, 0, _buckets.Length - 1), 1, ticks);
    }

    public double MaxMs => Interlocked.Read(ref _maxTicks) * 1000.0 / Stopwatch.Frequency;

    /// <returns>The upper edge of the bucket holding the quantile, in ms.</returns>
    public double PercentileMs(double quantile)
    {
        var rank = (long)Math.Ceiling(quantile * Count);
        long seen = 0;
        for (var i = 0; i < _buckets.Length; i++)
        {
            seen += _buckets[i];
            if (seen >= rank && seen > 0) return (i + 1) * BucketMicros / 1000.0;
        }

        return double.NaN;
    }

    /// <summary>Writes the samples for <see cref="AddFromAsync"/> in another process: the maximum, then a line per bucket in use.</summary>
    public void WriteTo(TextWriter output)
    {
        output.WriteLine(Interlocked.Read(ref _maxTicks).ToString(CultureInfo.InvariantCulture));
        for (var i = 0; i < _buckets.Length; i++)
        {
            if (_buckets[i] > 0) output.WriteLine(FormattableString.Invariant($"{i} {_buckets[i]}"));
        }

        output.WriteLine("end");
    }

    /// <summary>Adds the samples another process wrote with <see cref="WriteTo"/>.</summary>
    public async Task AddFromAsync(TextReader input)
    {
        var maxTicks = long.Parse((await input.ReadLineAsync())!, CultureInfo.InvariantCulture);
        while (await input.ReadLineAsync() is { } line && line != "end")
        {
            var fields = line.Split(' ');
            Add(long.Parse(fields[0], CultureInfo.InvariantCulture), long.Parse(fields[1], CultureInfo.InvariantCulture), maxTicks);
        }
    }

    private void Add(long bucket, long count, long ticks)
    {
        Interlocked.Add(ref _buckets[bucket], count);
        Interlocked.Add(ref _count, count);
        var max = Interlocked.Read(ref _maxTicks);
        while (ticks > max && Interlocked.CompareExchange(ref _maxTicks, ticks, max) != max) max = Interlocked.Read(ref _maxTicks);
    }
}
