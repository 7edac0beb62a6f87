using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace CryptoViz.Tests.Scraper;

/// <summary>Keeps every log entry at every level, message, state and exception as text, for "X is never logged" asserts.</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<CapturedLog> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, Entries);

    public void Dispose()
    {
    }

    private sealed class CapturingLogger(string category, ConcurrentQueue<CapturedLog> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull
        {
            entries.Enqueue(new CapturedLog(category, LogLevel.None, default, $"scope: {state}"));
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var text = formatter(state, exception);
            if (state is IEnumerable<KeyValuePair<string, object?>> pairs) text += " | " + string.Join("; ", pairs.Select(p => $"{p.Key}={p.Value}"));
            if (exception is not null) text += " | " + exception;
            entries.Enqueue(new CapturedLog(category, logLevel, eventId, text));
        }
    }
}
