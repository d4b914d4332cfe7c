namespace Ecosystem.Domain;

/// <summary>A command was refused because it would break the rule named by <see cref="Code"/> (see <see cref="RuleCodes"/>).</summary>
public sealed class DomainRuleViolated(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}

internal static class Rule
{
    public static DomainRuleViolated Broken(string code, string message) => new(code, message);

    public static void Require(bool holds, string code, string message)
    {
        if (!holds) throw Broken(code, message);
    }

    public static void RequireText(string? value, string field) =>
        Require(!string.IsNullOrWhiteSpace(value), RuleCodes.InputRequired, $"{field} is required");

    public static bool SameText(string? left, string? right) =>
        string.Equals(left?.Trim(), right?.Trim(), StringComparison.OrdinalIgnoreCase);
}
