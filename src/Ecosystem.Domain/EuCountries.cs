using System.Collections.Frozen;

namespace Ecosystem.Domain;

/// <summary>Member states of the European Union as ISO 3166-1 alpha-2 codes (Greece is GR, not the EU's EL).</summary>
public static class EuCountries
{
    public static FrozenSet<string> Codes { get; } = new[]
    {
        "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU",
        "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    public static bool Contains(string countryCode) => Codes.Contains(countryCode);
}
