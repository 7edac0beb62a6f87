using CryptoViz.Web.Pipeline;

namespace CryptoViz.Tests.Web;

public sealed class CustomRangeTests
{
    private static readonly DateTime s_start = new(2025, 9, 1, 0, 0, 0, DateTimeKind.Unspecified);

    [Fact]
    public void A_range_within_Ingests_limit_is_taken_as_UTC()
    {
        var range = CustomRange.TryCreate(s_start, s_start.AddDays(31), out var error);

        Assert.Null(error);
        Assert.Equal((DateTimeKind.Utc, s_start, s_start.AddDays(31)), (range!.From.Kind, range.From, range.To));
    }

    [Fact]
    public void Datetime_local_values_parse_with_or_without_seconds()
    {
        var range = CustomRange.TryParse("2025-09-01T00:00", "2025-09-03T12:00:30", out var error);

        Assert.Null(error);
        Assert.Equal((s_start, s_start.AddDays(2.5).AddSeconds(30)), (range!.From, range.To));
        Assert.Null(CustomRange.TryParse("", "yesterday", out error));
        Assert.Equal("Enter both dates.", error);
    }

    [Theory]
    [InlineData(false, 1, "Enter both dates.")]
    [InlineData(true, 0, "The start must be before the end.")]
    [InlineData(true, -1, "The start must be before the end.")]
    [InlineData(true, 32, "At most 31 days at a time.")]
    public void A_range_Ingest_would_refuse_is_explained(bool withStart, int days, string expected)
    {
        var range = CustomRange.TryCreate(withStart ? s_start : null, s_start.AddDays(days), out var error);

        Assert.Null(range);
        Assert.Equal(expected, error);
    }
}
