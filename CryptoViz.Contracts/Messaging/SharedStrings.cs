using System.Text.Json;

namespace CryptoViz.Contracts.Messaging;

/// <summary>
/// Hands out one string instance per recently read JSON string value. A tick's name, symbol, source, producer and schema
/// repeat from tick to tick; matching their UTF-8 bytes against the last instance read skips the decode and the
/// allocation, and a consumer that holds records for a while (Ingest's batches) keeps one copy instead of one per record.
/// Direct-mapped and bounded: a value whose slot another value took is decoded again and takes the slot back. One table
/// per thread, so no locks. Only bytes that decoded once are ever matched, so invalid UTF-8 is still rejected by the reader.
/// </summary>
internal static class SharedStrings
{
    // 256 KiB of slots per parsing thread; 1,000 coins × 3 sources (2,000 names and symbols) mostly keep their slot.
    private const int Slots = 16384;

    /// <summary>Longer values (rare in a tick) are decoded as they are.</summary>
    private const int MaxBytes = 64;

    [ThreadStatic]
    private static Entry[]? t_slots;

    /// <summary>The reader's current string value, shared when its bytes were read before.</summary>
    /// <exception cref="InvalidOperationException">The value is not valid UTF-8 (as <see cref="Utf8JsonReader.GetString"/>).</exception>
    public static string Read(ref Utf8JsonReader reader)
    {
        if (reader.HasValueSequence || reader.ValueIsEscaped || reader.ValueSpan.Length > MaxBytes) return reader.GetString()!;

        var utf8 = reader.ValueSpan;
        var hash = new HashCode();
        hash.AddBytes(utf8);
        ref var slot = ref (t_slots ??= new Entry[Slots])[hash.ToHashCode() & (Slots - 1)];
        if (slot.Utf8 is { } known && utf8.SequenceEqual(known)) return slot.Value;

        var value = reader.GetString()!;
        slot = new Entry(utf8.ToArray(), value);
        return value;
    }

    private readonly record struct Entry(byte[] Utf8, string Value);
}
