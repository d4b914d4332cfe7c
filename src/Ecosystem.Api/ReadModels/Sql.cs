using System.Text.Json;

namespace Ecosystem.Api.ReadModels;

static class Sql
{
    /// <summary>An enum as the API spells it (kebab-case), for read-model columns.</summary>
    public static string Text<TEnum>(TEnum value) where TEnum : struct, Enum => JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());

    public static TEnum Enum<TEnum>(string text) where TEnum : struct, Enum =>
        System.Enum.Parse<TEnum>(text.Replace("-", ""), ignoreCase: true);
}
