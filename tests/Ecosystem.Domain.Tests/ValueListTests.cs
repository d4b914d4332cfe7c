using Ecosystem.Domain.Programmes;

namespace Ecosystem.Domain.Tests;

public sealed class ValueListTests
{
    [Fact]
    public void Lists_with_the_same_items_are_equal_and_hash_alike()
    {
        var left = ValueList.Of("gaming", "digital");
        var right = new ValueList<string>(new List<string> { "gaming", "digital" });

        Assert.Equal(left, right);
        Assert.True(left == right);
        Assert.Equal(left.GetHashCode(), right.GetHashCode());
    }

    [Fact]
    public void Order_and_content_matter()
    {
        Assert.NotEqual(ValueList.Of("gaming", "digital"), ValueList.Of("digital", "gaming"));
        Assert.NotEqual(ValueList.Of("gaming"), ValueList.Of("gaming", "digital"));
        Assert.True(ValueList.Of("gaming") != ValueList.Of("digital"));
    }

    [Fact]
    public void Records_holding_value_lists_compare_by_content() =>
        Assert.Equal(
            new CohortOffer(Guid.Empty, Guid.Empty, ProgrammeKind.Accelerator, ["aerospace"], true, null, null),
            new CohortOffer(Guid.Empty, Guid.Empty, ProgrammeKind.Accelerator, ValueList.Of("aerospace"), true, null, null));

    [Fact]
    public void The_empty_list_equals_any_list_without_items()
    {
        Assert.Equal(ValueList<int>.Empty, new ValueList<int>([]));
        Assert.Empty(ValueList<int>.Empty);
    }

    [Fact]
    public void A_list_does_not_change_when_its_source_does()
    {
        var source = new[] { 1, 2 };
        var list = new ValueList<int>(source);
        source[0] = 99;

        Assert.Equal([1, 2], list);
    }

    [Fact]
    public void A_list_reads_like_its_items()
    {
        ValueList<string> list = ["JP", "KR"];

        Assert.Equal(2, list.Count);
        Assert.Equal("KR", list[1]);
        Assert.Equal("[JP, KR]", list.ToString());
    }
}
