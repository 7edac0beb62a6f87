namespace CryptoViz.Ingest.Storage;

/// <summary>
/// Hands out one instance per recently seen string value. A tick's names, symbol, source, producer and schema repeat
/// from tick to tick; sharing them means the copies the parser made die young instead of waiting in a batch, where
/// every collection before the batch is stored would copy them again. Direct-mapped and bounded: a value whose slot
/// another value took is simply kept as it is. One table per thread, so no locks.
/// </summary>
internal static class SharedStrings
{
    // 128 KiB per thread; the ingest benchmark's 1,000 coins × 3 sources (2,000 names and symbols) mostly keep their slot.
    private const int Slots = 16384;

    [ThreadStatic]
    private static string?[]? t_slots;

    public static string Share(string value)
    {
        ref var slot = ref (t_slots ??= new string?[Slots])[value.GetHashCode() & (Slots - 1)];
        if (string.Equals(slot, value, StringComparison.Ordinal)) return slot!;
        slot = value;
        return value;
    }
}
