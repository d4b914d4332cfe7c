using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Ecosystem.Api.Infrastructure;

/// <summary>
/// What the API accepts from a client, said once at the edge: request bodies are read strictly (no unknown fields,
/// numbers as numbers, no NUL character, no string beyond <see cref="MaxStringLength"/>), and no query value may hold
/// a NUL. Anything else is refused with a 400 problem naming the field, before any handler runs.
/// Stored events are read with the tolerant <see cref="Json"/> options, never with these.
/// </summary>
public static class HttpInput
{
    /// <summary>The longest string any request field may hold; most fields declare a tighter limit.</summary>
    public const int MaxStringLength = 4000;

    public static IServiceCollection AddHttpInput(this IServiceCollection services)
    {
        services.ConfigureHttpJsonOptions(o => Strict(o.SerializerOptions));
        services.ConfigureSwaggerGen(o =>
        {
            o.SchemaFilter<ItemLengthSchemaFilter>();
            o.OperationFilter<QueryParameterSchemaFilter>();
        });
        return services;
    }

    /// <summary>
    /// Refuses a NUL character in the query, in a parameter's name or value (PostgreSQL cannot store or compare it).
    /// The server's URL decoder already refuses one in the path, before the app.
    /// </summary>
    public static IApplicationBuilder UseHttpInput(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        foreach (var (name, values) in http.Request.Query)
            if (name.Contains('\0') || values.Any(v => v?.Contains('\0') == true))
            {
                var field = name.Replace("\0", "") is { Length: > 0 } named ? named : "query";
                throw new InvalidInputException(field, NulMessage(field));
            }
        await next(http);
    });

    public static JsonSerializerOptions Strict(JsonSerializerOptions options)
    {
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.NumberHandling = JsonNumberHandling.Strict;
        options.Converters.Insert(0, new InputStringConverter());
        return options;
    }

    static string NulMessage(string field) => $"{field} must not contain the NUL character (U+0000).";

    /// <summary>Reads every string of a request body, refusing NUL and overlong text while the field's path is still known.</summary>
    sealed class InputStringConverter : JsonConverter<string>
    {
        public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var value = reader.GetString();
            if (value is null) return null;
            if (value.Contains('\0')) throw new RefusedValueException("must not contain the NUL character (U+0000).");
            if (value.Length > MaxStringLength) throw new RefusedValueException($"must be at most {MaxStringLength} characters.");
            return value;
        }

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
    }
}

/// <summary>A value the request names is refused; <see cref="Field"/> is how the client wrote its name. Answered with a 400.</summary>
public sealed class InvalidInputException(string field, string message, string code = "request.invalid") : Exception(message)
{
    public string Field { get; } = field;
    /// <summary>The problem's machine-readable code.</summary>
    public string Code { get; } = code;
}

/// <summary>A JSON value of a request body refused while it was read; the serializer adds the path of its field.</summary>
public sealed class RefusedValueException(string reason) : JsonException(reason);

/// <summary>Every string in the list is at most <see cref="Max"/> characters; OpenAPI shows it as the items' maxLength.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class ItemLengthAttribute(int max) : ValidationAttribute($"Each item of {{0}} must be at most {max} characters.")
{
    public int Max => max;

    public override bool IsValid(object? value) => value is not IEnumerable<string?> items || items.All(i => i is null || i.Length <= max);
}

/// <summary>
/// Shows a query parameter's [Range] as its schema's minimum and maximum (Swashbuckle reads them only on models; a
/// maximum that is just the type's own is left out), and ?asOf= as a date-time.
/// </summary>
sealed class QueryParameterSchemaFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        foreach (var description in context.ApiDescription.ParameterDescriptions)
        {
            var parameter = (description.ParameterDescriptor as Microsoft.AspNetCore.Mvc.Infrastructure.IParameterInfoParameterDescriptor)?.ParameterInfo;
            if (parameter is null || operation.Parameters?.FirstOrDefault(p => p.Name == description.Name)?.Schema is not OpenApiSchema schema) continue;
            if ((Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType) == typeof(AsOf)) schema.Format = "date-time";
            if (parameter.GetCustomAttributes(typeof(RangeAttribute), false).FirstOrDefault() is not RangeAttribute range) continue;
            schema.Minimum = Convert.ToString(range.Minimum, CultureInfo.InvariantCulture);
            if (Convert.ToDouble(range.Maximum, CultureInfo.InvariantCulture) < int.MaxValue)
                schema.Maximum = Convert.ToString(range.Maximum, CultureInfo.InvariantCulture);
        }
    }
}

sealed class ItemLengthSchemaFilter : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (context.MemberInfo?.GetCustomAttributes(typeof(ItemLengthAttribute), true).FirstOrDefault() is ItemLengthAttribute limit
            && schema is OpenApiSchema { Items: OpenApiSchema items })
            items.MaxLength = limit.Max;
    }
}

/// <summary>One paging rule for every list: offset ≥ 0, 1 ≤ limit ≤ <see cref="MaxLimit"/>; anything else is a 400 naming the parameter.</summary>
public static class Paging
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;
}
