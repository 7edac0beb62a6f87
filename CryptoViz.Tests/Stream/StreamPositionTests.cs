using CryptoViz.Contracts.Messaging;
using CryptoViz.Stream.Hub;

namespace CryptoViz.Tests.Stream;

public sealed class StreamPositionTests
{
    [Fact]
    public void An_id_lists_each_partition_s_last_offset_in_order_and_reads_back_as_the_same_place()
    {
        var position = StreamPosition.Start
            .After(new PartitionOffset(Topics.Predictions, 0, 96))
            .After(new PartitionOffset(Topics.Streaming, 2, 1802))
            .After(new PartitionOffset(Topics.Streaming, 0, 1841))
            .After(new PartitionOffset(Topics.Streaming, 0, 1700));

        Assert.Equal("s0-1841.s2-1802.p0-96", position.Text);
        Assert.True(StreamPosition.TryParse(position.Text, out var parsed));
        Assert.Equal(1841, parsed.OffsetOf(Topics.Streaming, 0));
        Assert.Equal(-1, parsed.OffsetOf(Topics.Streaming, 1));
        Assert.True(parsed.Covers(position) && position.Covers(parsed));
    }

    [Theory]
    [InlineData("1757011329164001")]
    [InlineData("s0-5.s0-6")]
    [InlineData("s1-5.s0-6")]
    [InlineData("s0-05")]
    [InlineData("x0-5")]
    [InlineData("s0--1")]
    [InlineData("s0-5.")]
    public void Anything_but_a_canonical_id_is_not_a_position(string text) => Assert.False(StreamPosition.TryParse(text, out _));

    [Fact]
    public void The_union_of_two_places_covers_both()
    {
        var a = StreamPosition.Start.After(new PartitionOffset(Topics.Streaming, 0, 9)).After(new PartitionOffset(Topics.Streaming, 1, 3));
        var b = StreamPosition.Start.After(new PartitionOffset(Topics.Streaming, 0, 4)).After(new PartitionOffset(Topics.Streaming, 2, 7));

        var union = a.Union(b);

        Assert.Equal("s0-9.s1-3.s2-7", union.Text);
        Assert.False(a.Covers(b) || b.Covers(a));
        Assert.True(union.Covers(a) && union.Covers(b));
    }
}
