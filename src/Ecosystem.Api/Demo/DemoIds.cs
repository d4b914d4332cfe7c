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
    public static Guid NagoyaDelegation2022 { get; } = For("mission:nagoya-delegation-2022");
    public static Guid BeijingDelegation2023 { get; } = For("mission:beijing-delegation-2023");
    public static Guid JapanMission2025 { get; } = For("mission:torino-japan-2025");
    public static Guid EuBusinessHubJapan2024 { get; } = For("mission:eu-business-hub-japan-2024");
    public static Guid EuBusinessHubKorea2027 { get; } = For("mission:eu-business-hub-korea-2027");
    public static Guid TorinoNagoyaTwinning { get; } = For("agreement:torino-nagoya-twinning");
    public static Guid IurcCooperation { get; } = For("agreement:iurc-torino-nagoya");
    public static Guid ChambersTwinning { get; } = For("agreement:chambers-torino-nagoya-twinning");
    public static Guid ChambersMemorandum { get; } = For("agreement:chambers-memorandum-automotive-aerospace");
    public static Guid JapanHubHosting { get; } = For("agreement:japan-hub-hosting-iccj");
}
