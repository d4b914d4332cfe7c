using System.Net;
using static Ecosystem.Api.Tests.ApiFixture;

namespace Ecosystem.Api.Tests;

public sealed class RebuildingReadModelTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task A_read_model_awaiting_its_rebuild_answers_503_with_retry_after_while_others_serve()
    {
        await using (var command = api.Database.DataSource.CreateCommand("update ecosystem.projections set version = 0 where name = 'urban-testing-pipeline'"))
            await command.ExecuteNonQueryAsync();

        var response = await api.Admin.GetAsync("/api/urban-testing/use-cases");

        await Problem(response, HttpStatusCode.ServiceUnavailable, "read-model.rebuilding");
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
        await Json(await api.Admin.GetAsync("/api/programmes"), HttpStatusCode.OK);
    }
}
