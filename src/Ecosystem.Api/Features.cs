using Ecosystem.Api.Agreements;
using Ecosystem.Api.Audit;
using Ecosystem.Api.HubOffices;
using Ecosystem.Api.Integrators;
using Ecosystem.Api.Missions;
using Ecosystem.Api.Privacy;
using Ecosystem.Api.Admin;
using Ecosystem.Api.Dashboard;
using Ecosystem.Api.Programmes;
using Ecosystem.Api.Startups;
using Ecosystem.Api.UrbanTesting;
using Ecosystem.Api.Webhooks;

namespace Ecosystem.Api;

public static class Features
{
    /// <summary>Maps every feature's endpoint group.</summary>
    public static void MapFeatures(this IEndpointRouteBuilder app)
    {
        app.MapProgrammes();
        app.MapStartups();
        app.MapAdmin();
        app.MapDashboard();
        app.MapUrbanTesting();
        app.MapHubOffices();
        app.MapEventFeed();
        app.MapAudit();
        app.MapMissions();
        app.MapAgreements();
        app.MapPeople();
        app.MapWebhooks();
    }
}
