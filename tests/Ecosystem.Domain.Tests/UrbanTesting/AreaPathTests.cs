using Ecosystem.Domain.UrbanTesting;

namespace Ecosystem.Domain.Tests.UrbanTesting;

public sealed class AreaPathTests
{
    [Theory]
    [InlineData("Parco Dora", "Parco Dora", true)]
    [InlineData("Parco Dora", "Parco Dora/DoraLab", true)]
    [InlineData(" parco dora ", "Parco Dora / DoraLab", true)]
    [InlineData("Torino", "Torino/Smart Road/Corso Giulio Cesare", true)]
    [InlineData("Parco Dora", "Parco Dorato", false)]
    [InlineData("Parco Dora/DoraLab", "Parco Dora", false)]
    [InlineData("Parco Dora", "Torino/Parco Dora", false)]
    [InlineData("", "Parco Dora", false)]
    public void An_authorised_area_covers_itself_and_the_places_within_it(string authorised, string site, bool covered) =>
        Assert.Equal(covered, AreaPath.Covers(authorised, site));
}
