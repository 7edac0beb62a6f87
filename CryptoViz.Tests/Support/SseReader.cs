using System.Globalization;
using System.Text;

namespace CryptoViz.Tests.Support;

/// <summary>
/// A small Server-Sent Events parser after the WHATWG rules (fields, comments, one optional space after the
/// colon, dispatch on a blank line, no event without data), reading a response stream line by line.
/// </summary>
public sealed class SseReader(System.IO.Stream stream) : IDisposable
{
    private readonly StreamReader _reader = new(stream, Encoding.UTF8);

    /// <summary>Comment lines (<c>: ...</c>) seen so far; EventSource ignores them.</summary>
    public int Comments { get; private set; }

    /// <summary>The text of the last comment line, after the colon and its optional space.</summary>
    public string? LastComment { get; private set; }

    /// <summary>What an EventSource would send as <c>Last-Event-ID</c> now.</summary>
    public string? LastEventId { get; private set; }

    /// <returns>The next event, or null when the stream ended.</returns>
    public async Task<SseEvent?> ReadAsync(CancellationToken cancellationToken)
    {
        var data = new StringBuilder();
        var hasData = false;
        string? id = null;
        string? eventType = null;
        int? retry = null;
        while (await _reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0)
            {
                if (!hasData)
                {
                    eventType = null;
                    continue;
                }

                return new SseEvent(id, eventType, data.ToString(), retry);
            }

            if (line[0] == ':')
            {
                Comments++;
                LastComment = line.StartsWith(": ", StringComparison.Ordinal) ? line[2..] : line[1..];
                continue;
            }

            var colon = line.IndexOf(':');
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? "" : line[(colon + 1)..];
            if (value.StartsWith(' ')) value = value[1..];
            switch (field)
            {
                case "data":
                    if (hasData) data.Append('\n');
                    data.Append(value);
                    hasData = true;
                    break;
                case "id" when !value.Contains('\0'):
                    id = value;
                    LastEventId = value;
                    break;
                case "event":
                    eventType = value;
                    break;
                case "retry" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var ms):
                    retry = ms;
                    break;
            }
        }

        return null;
    }

    public void Dispose() => _reader.Dispose();
}
