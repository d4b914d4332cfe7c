using System.Security.Cryptography;
using System.Text;

namespace Ecosystem.Api.Demo;

/// <summary>
/// Ids of the demo data, derived from stable names so that every run targets the same streams: the first 16 bytes
/// of SHA-256("ecosystem-demo:" + name), stamped as an RFC 9562 version-8 (custom) UUID.
/// </summary>
public static class DemoIds
{
    public static Guid For(string name)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes($"ecosystem-demo:{name}"), hash);
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }

    public static Guid Quickload { get; } = For("programme:quickload");
    public static Guid Takeoff { get; } = For("programme:takeoff");
    public static Guid EuBusinessHub { get; } = For("programme:eu-business-hub");
    public static Guid JapanHub { get; } = For("hub-office:polito-japan-hub");
    public static Guid DoraLabDrones { get; } = For("use-case:doralab-drones");
    public static Guid SmartRoadVehicle { get; } = For("use-case:smart-road-vehicle");
    public static Guid SandboxShuttle { get; } = For("use-case:sandbox-shuttle");
}
