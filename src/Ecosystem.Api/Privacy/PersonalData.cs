using System.Collections.Concurrent;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Ecosystem.Domain;

namespace Ecosystem.Api.Privacy;

/// <summary>
/// Founders', delegates' and signatories' personal fields (<see cref="PersonalDataAttribute"/> on a record with a
/// <c>PersonId</c>) are stored as <c>pd1:&lt;person&gt;:&lt;AES-GCM nonce|ciphertext|tag&gt;</c> under the person's own key,
/// and read back as plaintext, or as <see cref="Erased"/> once the key is gone. Nothing else changes shape, and the
/// stored bytes never change after the write, so hash chains and proofs over them survive an erasure.
/// </summary>
public sealed class PersonalData(PersonKeys keys)
{
    public const string Erased = "[erased]";
    const string Prefix = "pd1:";
    const int NonceSize = 12, TagSize = 16;

    static readonly ConcurrentDictionary<Type, Func<object, IEnumerable<Guid>>> PeopleFinders = new();

    /// <summary>The JSON names of every personal field in the domain ("name", "email").</summary>
    public static string[] Fields { get; } = typeof(PersonalDataAttribute).Assembly.GetTypes()
        .SelectMany(t => t.GetProperties()).Where(p => p.GetCustomAttribute<PersonalDataAttribute>() is not null)
        .Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name)).Distinct().Order().ToArray();

    /// <summary>Adds encryption on write and decryption on read to the storage JSON contract of every record holding personal data.</summary>
    public void Protect(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object || PersonIdOf(info.Type) is not { } personId) return;
        foreach (var property in info.Properties)
        {
            if (property.PropertyType != typeof(string) || property.AttributeProvider is not MemberInfo member
                || member.GetCustomAttribute<PersonalDataAttribute>() is null || property.Get is not { } get) continue;
            property.Get = owner => Seal((Guid)personId.GetValue(owner)!, (string?)get(owner));
            property.CustomConverter = new OpeningConverter(this);
        }
    }

    public string? Seal(Guid person, string? value)
    {
        if (value is null || value == Erased || value.StartsWith(Prefix, StringComparison.Ordinal)) return value;
        if (keys.KeyFor(person, create: true) is not { } key) return Erased;
        var plain = Encoding.UTF8.GetBytes(value);
        var sealedBytes = new byte[NonceSize + plain.Length + TagSize];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceSize, plain.Length), sealedBytes.AsSpan(NonceSize + plain.Length), person.ToByteArray());
        return $"{Prefix}{person:N}:{Convert.ToBase64String(sealedBytes)}";
    }

    public string? Open(string? value)
    {
        if (value is null || !value.StartsWith(Prefix, StringComparison.Ordinal)) return value;
        var parts = value.Split(':');
        if (parts.Length != 3 || !Guid.TryParseExact(parts[1], "N", out var person)) return value;
        if (keys.KeyFor(person, create: false) is not { } key) return Erased;
        var sealedBytes = Convert.FromBase64String(parts[2]);
        var plain = new byte[sealedBytes.Length - NonceSize - TagSize];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize, plain.Length), sealedBytes.AsSpan(NonceSize + plain.Length), plain,
            person.ToByteArray());
        return Encoding.UTF8.GetString(plain);
    }

    /// <summary>Stored event JSON as a reader may see it: every sealed value opened (or erased). Other text is returned as is.</summary>
    public string Reveal(string storedJson)
    {
        if (!storedJson.Contains($"\"{Prefix}", StringComparison.Ordinal)) return storedJson;
        var node = JsonNode.Parse(storedJson);
        Reveal(node);
        return node?.ToJsonString() ?? storedJson;
    }

    void Reveal(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var name in o.Select(p => p.Key).ToList())
                    if (SealedText(o[name]) is { } text) o[name] = Open(text); else Reveal(o[name]);
                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                    if (SealedText(a[i]) is { } text) a[i] = Open(text); else Reveal(a[i]);
                break;
        }
    }

    static string? SealedText(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<string>(out var text) && text.StartsWith(Prefix, StringComparison.Ordinal) ? text : null;

    /// <summary>The people whose personal data an event carries, anywhere in its records and lists.</summary>
    public static IEnumerable<Guid> PeopleIn(object data) => PeopleFinders.GetOrAdd(data.GetType(), BuildFinder)(data);

    static Func<object, IEnumerable<Guid>> BuildFinder(Type type)
    {
        if (PersonIdOf(type) is { } personId) return owner => [(Guid)personId.GetValue(owner)!];
        if (type.Assembly != typeof(PersonalDataAttribute).Assembly || type.IsEnum) return _ => [];
        var parts = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && p.PropertyType != typeof(string) && !p.PropertyType.IsValueType)
            .ToArray();
        return owner => parts.SelectMany(p => p.GetValue(owner) switch
        {
            null => [],
            System.Collections.IEnumerable items => items.Cast<object?>().Where(i => i is not null).SelectMany(i => PeopleIn(i!)),
            var child => PeopleIn(child),
        });
    }

    static PropertyInfo? PersonIdOf(Type type) =>
        type.GetProperty("PersonId") is { } id && id.PropertyType == typeof(Guid)
        && type.GetProperties().Any(p => p.GetCustomAttribute<PersonalDataAttribute>() is not null)
            ? id
            : null;

    /// <summary>Writes the already sealed value; opens a sealed value on read.</summary>
    sealed class OpeningConverter(PersonalData data) : JsonConverter<string>
    {
        public override bool HandleNull => false;

        public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => data.Open(reader.GetString());

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
    }
}
