using System.ComponentModel;
using Microsoft.AspNetCore.Mvc;

namespace CryptoViz.Stream.Apis;

public sealed record StreamRequest(
    [property: Description("Comma-separated tickers, e.g. BTC,ETH; all when absent")]
    [FromQuery(Name = "symbols")] string? Symbols,
    [property: Description("Comma-separated sources, e.g. coingecko; all when absent")]
    [FromQuery(Name = "sources")] string? Sources,
    [property: Description("Comma-separated event types among welcome, crypto_update, heartbeat; all when absent")]
    [FromQuery(Name = "types")] string? Types,
    [property: Description("Set by EventSource on reconnect: resume after this id, issued by any instance, while what followed it is still buffered")]
    [FromHeader(Name = "Last-Event-ID")] string? LastEventId);
