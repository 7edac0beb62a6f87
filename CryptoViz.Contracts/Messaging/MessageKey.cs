namespace CryptoViz.Contracts.Messaging;

/// <summary>V2's message key <c>&lt;SYMBOL&gt;_&lt;source&gt;</c>, e.g. <c>BTC_coingecko</c>: identity is (symbol, source).</summary>
public static class MessageKey
{
    public static string For(string symbol, string source) => $"{symbol}_{source}";

    public static string For(CryptoPrice price) => For(price.Symbol, price.Source);
}
