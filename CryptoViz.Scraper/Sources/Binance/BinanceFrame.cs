namespace CryptoViz.Scraper.Sources.Binance;

/// <summary>What one WebSocket text frame from Binance turned out to be.</summary>
public enum BinanceFrameKind
{
    /// <summary>Ticker or kline events: <see cref="BinanceFrame.Fetch"/> holds the mapped quotes and the rejected items.</summary>
    Tickers,

    /// <summary>The answer to our SUBSCRIBE request (<c>{"result":null,"id":1}</c>).</summary>
    SubscriptionAck,

    /// <summary>Binance refused a request (<c>{"code":2,"msg":"Invalid request"}</c>).</summary>
    ServerError,

    /// <summary>Not JSON, or JSON of no known shape.</summary>
    Invalid,
}

/// <param name="Detail">The reason for <see cref="BinanceFrameKind.Invalid"/> and <see cref="BinanceFrameKind.ServerError"/>.</param>
public sealed record BinanceFrame(BinanceFrameKind Kind, PriceFetch Fetch, string? Detail = null)
{
    private static readonly PriceFetch s_empty = new([], []);

    public static BinanceFrame Ack { get; } = new(BinanceFrameKind.SubscriptionAck, s_empty);

    public static BinanceFrame Invalid(string reason) => new(BinanceFrameKind.Invalid, s_empty, reason);

    public static BinanceFrame Error(string detail) => new(BinanceFrameKind.ServerError, s_empty, detail);
}
