namespace Ecosystem.Domain.UrbanTesting;

/// <summary>
/// Areas are written as paths of place names, widest first: "Torino/Parco Dora/DoraLab". An authorised area
/// covers a site's area when its segments are the site's leading segments (trimmed, case-insensitive), so
/// "Parco Dora" covers "Parco Dora" and "Parco Dora/DoraLab" but neither "Parco Dorato" nor "Smart Road".
/// </summary>
public static class AreaPath
{
    public static bool Covers(string authorisedArea, string siteArea)
    {
        var authorised = Segments(authorisedArea);
        var site = Segments(siteArea);
        return authorised.Length > 0
            && authorised.Length <= site.Length
            && authorised.Zip(site).All(pair => Rule.SameText(pair.First, pair.Second));
    }

    private static string[] Segments(string area) =>
        area.Split('/', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}
