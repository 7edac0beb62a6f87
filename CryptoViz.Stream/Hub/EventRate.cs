namespace CryptoViz.Stream.Hub;

/// <summary>Events per second over the last complete seconds, in one-second buckets.</summary>
internal sealed class EventRate(TimeProvider time)
{
    private const int WindowSeconds = 10;

    private readonly Lock _gate = new();
    private readonly long[] _counts = new long[WindowSeconds];
    private readonly long[] _seconds = new long[WindowSeconds];

    public void Record(int count)
    {
        var second = time.GetUtcNow().ToUnixTimeSeconds();
        var slot = (int)(second % WindowSeconds);
        lock (_gate)
        {
            if (_seconds[slot] != second)
            {
                _seconds[slot] = second;
                _counts[slot] = 0;
            }

            _counts[slot] += count;
        }
    }

    public double PerSecond()
    {
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        long total = 0;
        lock (_gate)
        {
            for (var i = 0; i < WindowSeconds; i++)
            {
                // The current second is still filling; counting it would understate the rate.
                if (_seconds[i] < now && _seconds[i] > now - WindowSeconds) total += _counts[i];
            }
        }

        return total / (double)(WindowSeconds - 1);
    }
}
