namespace Ecosystem.Domain.Tests;

public sealed class EuCountriesTests
{
    [Fact]
    public void The_union_has_twenty_seven_members() => Assert.Equal(27, EuCountries.Codes.Count);

    [Theory]
    [InlineData("IT", true)]
    [InlineData("GR", true)]
    [InlineData("HR", true)]
    [InlineData("GB", false)]
    [InlineData("NO", false)]
    [InlineData("JP", false)]
    public void Membership_is_by_ISO_code(string code, bool member) => Assert.Equal(member, EuCountries.Contains(code));
}
