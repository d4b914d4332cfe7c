using System.Globalization;
using System.Text.RegularExpressions;
using Ecosystem.Api.EventStore;

namespace Ecosystem.Api.Infrastructure;

/// <summary>
/// The moment an audit read (?asOf=) looks back to, always in UTC. Any ISO 8601 time is accepted: with Z, with an
/// offset (+05:30, sent as %2B05:30, or with the '+' turned into a space by an unencoded query), or without an offset
/// (read as UTC); a date alone means its midnight UTC.
/// </summary>
public readonly partial record struct AsOf(DateTimeOffset Value)
{
    public static bool TryParse(string? text, IFormatProvider? provider, out AsOf asOf)
    {
        asOf = default;
        if (text is null || !IsoTime().IsMatch(text.Trim())) return false;
        var iso = UnencodedPlus().Replace(text.Trim(), "${time}+${offset}");
        if (!DateTimeOffset.TryParse(iso, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)) return false;
        asOf = new AsOf(value.ToUniversalTime());
        return true;
    }

    public override string ToString() => Value.ToString("O", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}([T ][0-9:.,]+)?( ?(Z|[+\- ]\d{2}(:?\d{2})?))?$", RegexOptions.IgnoreCase)]
    private static partial Regex IsoTime();

    [GeneratedRegex(@"^(?<time>\d{4}-\d{2}-\d{2}[T ][0-9:.,]+) (?<offset>\d{2}(:?\d{2})?)$", RegexOptions.IgnoreCase)]
    private static partial Regex UnencodedPlus();
}

public static class AsOfReads
{
    /// <summary>
    /// Loads an aggregate as of a version or a moment for an audit read: 404 when there is no such resource, and a 404
    /// that says so when the resource exists but did not yet at <paramref name="asOf"/>.
    /// </summary>
    public static async Task<Aggregate<TState>> LoadAsOfAsync<TCommand, TEvent, TState>(this CommandRunner runner,
        Decider<TCommand, TEvent, TState> decider, Guid id, string what, long? version, AsOf? asOf)
        where TEvent : notnull where TState : notnull
    {
        try
        {
            return await runner.LoadExistingAsync(decider, id, what, version, asOf?.Value);
        }
        catch (NotFoundException) when (asOf is not null)
        {
            await runner.LoadExistingAsync(decider, id, what);
            throw new NotYetExistingException($"{what} {id} did not exist yet at {asOf}; its history starts later.");
        }
    }
}

/// <summary>The resource exists, but not at the moment an audit read asked for. Answered with a 404.</summary>
public sealed class NotYetExistingException(string message) : Exception(message);
