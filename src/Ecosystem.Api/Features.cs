using Ecosystem.Api.Programmes;
using Ecosystem.Api.Startups;

namespace Ecosystem.Api;

public static class Features
{
    /// <summary>Maps every feature's endpoint group.</summary>
    public static void MapFeatures(this IEndpointRouteBuilder app)
    {
        app.MapProgrammes();
        app.MapStartups();
    }
}
