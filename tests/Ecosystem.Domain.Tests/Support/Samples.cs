namespace Ecosystem.Domain.Tests.Support;

/// <summary>Builds an instance of any event or value record with non-default values, through its public constructor.</summary>
public static class Samples
{
    public static object Of(Type type) => type switch
    {
        _ when type == typeof(string) => "sample",
        _ when type == typeof(Guid) => new Guid("0195a0a0-1111-7000-8000-000000000001"),
        _ when type == typeof(int) => 7,
        _ when type == typeof(decimal) => 12.5m,
        _ when type == typeof(bool) => true,
        _ when type == typeof(DateOnly) => new DateOnly(2024, 12, 9),
        _ when type == typeof(DateTimeOffset) => new DateTimeOffset(2024, 12, 9, 10, 30, 0, TimeSpan.FromHours(1)),
        { IsEnum: true } => Enum.GetValues(type).GetValue(Enum.GetValues(type).Length - 1)!,
        _ when Nullable.GetUnderlyingType(type) is { } underlying => Of(underlying),
        { IsGenericType: true } when type.GetGenericTypeDefinition() == typeof(ValueList<>) => ValueListOf(type.GetGenericArguments()[0]),
        _ => Construct(type),
    };

    private static object ValueListOf(Type itemType)
    {
        var items = Array.CreateInstance(itemType, 2);
        items.SetValue(Of(itemType), 0);
        items.SetValue(Of(itemType), 1);
        return Activator.CreateInstance(typeof(ValueList<>).MakeGenericType(itemType), items)!;
    }

    private static object Construct(Type type)
    {
        var constructor = Assert.Single(type.GetConstructors());
        return constructor.Invoke(constructor.GetParameters().Select(p => Of(p.ParameterType)).ToArray());
    }
}
