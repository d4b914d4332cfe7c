using System.Reflection;
using System.Text.RegularExpressions;

namespace Ecosystem.Domain.Tests;

public sealed class RuleCodesTests
{
    [Fact]
    public void Rule_codes_are_unique() =>
        Assert.Equal(RuleCodes.All.Count, RuleCodes.All.Distinct().Count());

    [Fact]
    public void Rule_codes_are_lower_case_dotted_kebab_words() =>
        Assert.All(RuleCodes.All, code => Assert.Matches(new Regex("^[a-z]+(-[a-z]+)*\\.[a-z]+(-[a-z]+)*$"), code));

    [Fact]
    public void The_list_holds_every_declared_code()
    {
        var declared = typeof(RuleCodes).GetFields(BindingFlags.Public | BindingFlags.Static).Where(field => field.IsLiteral).ToList();

        Assert.Equal(declared.Count, RuleCodes.All.Count);
        Assert.Contains("cohort.full", RuleCodes.All);
        Assert.Contains("participation.terminal", RuleCodes.All);
    }

    [Fact]
    public void A_refusal_carries_its_code_and_message()
    {
        var refusal = new DomainRuleViolated(RuleCodes.CohortFull, "All 10 seats are allocated");

        Assert.Equal("cohort.full", refusal.Code);
        Assert.Equal("All 10 seats are allocated", refusal.Message);
    }
}
