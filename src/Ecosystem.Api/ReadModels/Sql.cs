using System.Data.Common;
using System.Text.Json;

namespace Ecosystem.Api.ReadModels;

static class Sql
{
    /// <summary>An enum as the API spells it (kebab-case), for read-model columns.</summary>
    public static string Text<TEnum>(TEnum value) where TEnum : struct, Enum => JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());

    public static TEnum Enum<TEnum>(string text) where TEnum : struct, Enum =>
        System.Enum.Parse<TEnum>(text.Replace("-", ""), ignoreCase: true);

    /// <summary>A nullable column's value, or null.</summary>
    public static T? ValueOrNull<T>(this DbDataReader reader, int ordinal) where T : struct =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<T>(ordinal);

    /// <summary>A nullable text column's value, or null.</summary>
    public static string? StringOrNull(this DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
