namespace CryptoViz.Tests.Support;

public sealed record ReceivedSpan(string ServiceName, string TraceId, string SpanId, string ParentSpanId, string Name);
