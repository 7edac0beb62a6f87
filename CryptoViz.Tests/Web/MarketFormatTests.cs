using CryptoViz.Web.Markets;

namespace CryptoViz.Tests.Web;

public sealed class MarketFormatTests
{
    [Theory]
    [InlineData(111842.37, "$111,842.37")]
    [InlineData(1, "$1.00")]
    [InlineData(0.213456, "$0.2135")]
    [InlineData(0.0000123456, "$0.00001235")]
    [InlineData(0, "$0.00")]
    public void Price_keeps_four_significant_digits_below_a_dollar(double usd, string expected) =>
        Assert.Equal(expected, MarketFormat.Price(usd));

    [Theory]
    [InlineData(2227465120389.51, "$2.23T")]
    [InlineData(119912345678, "$119.91B")]
    [InlineData(950_000_000, "$950.00M")]
    [InlineData(12345, "$12,345")]
    public void Compact_uses_the_largest_unit(double usd, string expected) =>
        Assert.Equal(expected, MarketFormat.Compact(usd));

    [Theory]
    [InlineData(1.38, "+1.38%")]
    [InlineData(-0.714, "-0.71%")]
    [InlineData(0d, "0.00%")]
    [InlineData(null, "n/a")]
    public void Change_is_signed(double? percent, string expected) =>
        Assert.Equal(expected, MarketFormat.Change(percent));
}
