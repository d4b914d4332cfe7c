using System.Net;
using System.Net.Sockets;
using Ecosystem.Api.Infrastructure;

namespace Ecosystem.Api.Webhooks;

/// <summary>
/// Keeps webhook targets off the service's own network (SSRF): http(s) only, and no private, loopback, link-local,
/// multicast, reserved or cloud-metadata address, unless the operator allows private targets. Checked when a
/// subscription is registered and again on every connection, against the addresses DNS gives then (DNS rebinding).
/// </summary>
public static class TargetGuard
{
    public const string InvalidCode = "webhook.target-invalid";
    public const string ForbiddenCode = "webhook.target-forbidden";
    static readonly TimeSpan DnsTimeout = TimeSpan.FromSeconds(3);

    static readonly (IPAddress Network, int Prefix)[] Refused =
    [
        (IPAddress.Parse("0.0.0.0"), 8), (IPAddress.Parse("10.0.0.0"), 8), (IPAddress.Parse("100.64.0.0"), 10),
        (IPAddress.Parse("127.0.0.0"), 8), (IPAddress.Parse("169.254.0.0"), 16), (IPAddress.Parse("172.16.0.0"), 12),
        (IPAddress.Parse("192.0.0.0"), 24), (IPAddress.Parse("192.0.2.0"), 24), (IPAddress.Parse("192.168.0.0"), 16),
        (IPAddress.Parse("198.18.0.0"), 15), (IPAddress.Parse("198.51.100.0"), 24), (IPAddress.Parse("203.0.113.0"), 24),
        (IPAddress.Parse("224.0.0.0"), 4), (IPAddress.Parse("240.0.0.0"), 4),
        (IPAddress.Parse("::"), 128), (IPAddress.Parse("::1"), 128), (IPAddress.Parse("fc00::"), 7), (IPAddress.Parse("fe80::"), 10),
        (IPAddress.Parse("fec0::"), 10), (IPAddress.Parse("ff00::"), 8), (IPAddress.Parse("2001:db8::"), 32), (IPAddress.Parse("100::"), 64),
    ];

    /// <summary>True when the address is on the public internet.</summary>
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        // NAT64 (64:ff9b::/96) and 6to4 (2002::/16) carry an IPv4 address: judge that one.
        var bytes = address.GetAddressBytes();
        if (address.AddressFamily == AddressFamily.InterNetworkV6 && InRange(address, IPAddress.Parse("64:ff9b::"), 96))
            return IsPublic(new IPAddress(bytes[12..16]));
        if (address.AddressFamily == AddressFamily.InterNetworkV6 && InRange(address, IPAddress.Parse("2002::"), 16))
            return IsPublic(new IPAddress(bytes[2..6]));
        return !Refused.Any(r => InRange(address, r.Network, r.Prefix));
    }

    static bool InRange(IPAddress address, IPAddress network, int prefix)
    {
        if (address.AddressFamily != network.AddressFamily) return false;
        var a = address.GetAddressBytes();
        var n = network.GetAddressBytes();
        for (var i = 0; i < a.Length && prefix > 0; i++, prefix -= 8)
        {
            var mask = prefix >= 8 ? 0xFF : (byte)(0xFF << (8 - prefix));
            if ((a[i] & mask) != (n[i] & mask)) return false;
        }
        return true;
    }

    /// <summary>The target as a URI, or a 400 problem (<c>webhook.target-invalid</c> / <c>webhook.target-forbidden</c>).</summary>
    public static async Task<Uri> ValidateAsync(string url, bool allowPrivate, CancellationToken ct)
    {
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || string.IsNullOrEmpty(uri.Host))
            throw new InvalidInputException("url", "url must be an absolute http:// or https:// URL.", InvalidCode);
        if (!string.IsNullOrEmpty(uri.UserInfo))
            throw new InvalidInputException("url", "url must not carry credentials; authenticate the sender by its signature.", InvalidCode);
        if (!string.IsNullOrEmpty(uri.Fragment))
            throw new InvalidInputException("url", "url must not have a fragment.", InvalidCode);
        if (allowPrivate) return uri;
        var addresses = await ResolveAsync(uri.IdnHost, ct)
            ?? throw new InvalidInputException("url", $"url's host '{uri.Host}' does not resolve.", InvalidCode);
        if (addresses.Length == 0 || !addresses.All(IsPublic))
            throw new InvalidInputException("url", $"url's host '{uri.Host}' is a private, loopback, link-local or metadata address; such targets are refused.", ForbiddenCode);
        return uri;
    }

    /// <summary>The host's addresses (an IP literal is its own), or null when DNS has no answer in time.</summary>
    public static async Task<IPAddress[]?> ResolveAsync(string host, CancellationToken ct)
    {
        if (IPAddress.TryParse(host.Trim('[', ']'), out var literal)) return [literal];
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(DnsTimeout);
        try
        {
            return await Dns.GetHostAddressesAsync(host, timeout.Token);
        }
        catch (Exception e) when (e is SocketException or ArgumentException || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            return null;
        }
    }
}
