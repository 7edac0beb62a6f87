namespace CryptoViz.Web.Markets;

public enum PriceMove
{
    None,
    Up,
    Down,
}
