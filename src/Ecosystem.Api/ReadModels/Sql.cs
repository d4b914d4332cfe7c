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

    /// <summary>Forgets an erased person in a JSON column: their personal fields read "[erased]" wherever their personId appears.</summary>
    public static void ErasePerson(EventStore.ProjectionContext c, string table, string column, Guid person) =>
        c.Enqueue($$"""
            update {{{table}}} set {{column}} = ecosystem.erase_person({{column}}, $1, $2)
            where jsonb_path_exists({{column}}, '$.** ? (@.personId == $p)', jsonb_build_object('p', $1))
            """, person.ToString(), Privacy.PersonalData.Fields);

    /// <summary>A nullable text column's value, or null.</summary>
    public static string? StringOrNull(this DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
