namespace CryptoViz.ServiceDefaults.KafkaDiagnostics;

/// <summary>
/// Holds back repeats of a client's warnings and errors: while a broker is away librdkafka reports every reconnect
/// attempt, twice (a 30 s outage of the embedded broker wrote ~800 such lines in the Scraper's log). The first report of
/// a kind is logged; the same kind within <see cref="Window"/> is only counted, and the next one logged after it says how
/// many were held back.
/// </summary>
internal sealed class KafkaLogThrottle(TimeProvider time)
{
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(10);

    private readonly Dictionary<string, (DateTimeOffset Until, int Held)> _kinds = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <returns>Whether to log this report; when it is, <paramref name="held"/> says how many of its kind were held back before it.</returns>
    public bool Admit(string kind, out int held)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            _kinds.TryGetValue(kind, out var state);
            if (now < state.Until)
            {
                _kinds[kind] = (state.Until, state.Held + 1);
                held = 0;
                return false;
            }

            held = state.Held;
            _kinds[kind] = (now + Window, 0);
            return true;
        }
    }
}
