using System.Globalization;

namespace CryptoViz.Tests.EndToEnd.ScaleOut;

/// <summary>
/// An SSE id as Stream writes it (<c>s0-1841.s1-1790.p0-96</c>): per partition of <c>crypto-streaming</c> (<c>s</c>), the
/// offset of the last record at or before the event. Read here from the outside, as any client could.
/// </summary>
public static class SsePlace
{
    public static Dictionary<int, long> Parse(string id) =>
        id.Split('.').Where(part => part.StartsWith('s'))
            .Select(part => part[1..].Split('-'))
            .ToDictionary(pair => int.Parse(pair[0], CultureInfo.InvariantCulture), pair => long.Parse(pair[1], CultureInfo.InvariantCulture));
}
