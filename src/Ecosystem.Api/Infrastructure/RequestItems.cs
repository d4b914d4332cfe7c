using System.ComponentModel.DataAnnotations;
using System.Text.Json;

namespace Ecosystem.Api.Infrastructure;

/// <summary>
/// The validation generator does not reach into arrays of records (parties, signatories…), so their declared limits
/// are checked here, each error under the item's path ("parties[1].country").
/// </summary>
public static class RequestItems
{
    public static Dictionary<string, string[]> Errors<T>(IReadOnlyList<T?>? items, string field) where T : class
    {
        var errors = new Dictionary<string, string[]>();
        for (var i = 0; i < (items?.Count ?? 0); i++)
        {
            var item = items![i];
            if (item is null) { errors[$"{field}[{i}]"] = [$"Each item of {field} must be an object."]; continue; }
            var results = new List<ValidationResult>();
            Validator.TryValidateObject(item, new ValidationContext(item), results, validateAllProperties: true);
            foreach (var result in results)
                foreach (var member in result.MemberNames)
                    errors[$"{field}[{i}].{JsonNamingPolicy.CamelCase.ConvertName(member)}"] = [result.ErrorMessage ?? "Invalid."];
        }
        return errors;
    }

    /// <summary>Trimmed, non-blank, distinct (either case) values of an optional list.</summary>
    public static Domain.ValueList<string> Clean(IEnumerable<string?>? values, bool upper = false) =>
        new((values ?? []).Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => upper ? v!.Trim().ToUpperInvariant() : v!.Trim())
            .Distinct(StringComparer.OrdinalIgnoreCase));

    /// <summary>The enum value a query parameter names in kebab case, null when absent; an unknown name is recorded in <paramref name="errors"/>.</summary>
    public static TEnum? ParseQuery<TEnum>(string? text, string parameter, Dictionary<string, string[]> errors) where TEnum : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var names = Enum.GetValues<TEnum>().ToDictionary(v => JsonNamingPolicy.KebabCaseLower.ConvertName(v.ToString()), StringComparer.OrdinalIgnoreCase);
        if (names.TryGetValue(text.Trim(), out var value)) return value;
        errors[parameter] = [$"{parameter} must be one of: {string.Join(", ", names.Keys)}."];
        return null;
    }
}
