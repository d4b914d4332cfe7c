using System.Net;
namespace Ecosystem.Api.Tests;
public sealed class TmpSwaggerProbe(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task UrbanTesting_HubOffice_swagger_probe()
    {
        var r = await api.Admin.GetAsync("/swagger/v1/swagger.json");
        var text = await r.Content.ReadAsStringAsync();
        File.WriteAllText("/tmp/swagger.json", text);
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
    }
}
