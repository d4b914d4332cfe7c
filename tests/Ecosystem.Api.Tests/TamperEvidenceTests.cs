using System.Net;
using System.Text.Json.Nodes;
using Ecosystem.Tests.Shared;
using static Ecosystem.Api.Tests.ApiFixture;
using static Ecosystem.Api.Tests.AuditProofs;
using static Ecosystem.Api.Tests.Journeys;

namespace Ecosystem.Api.Tests;

/// <summary>Signed checkpoints, proofs checked by the test's own RFC 9162 code, verify on an untouched log, export, roles.</summary>
public sealed class TamperEvidenceTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task An_events_inclusion_proof_leads_to_the_root_of_a_checkpoint_signed_with_the_published_key()
    {
        var (programme, _) = await ProgrammeWithOpenCallAsync(api.Admin);
        var sequence = await SequenceOfAsync(api.Database, programme, 2);
        var auditor = await api.ClientWithRole("auditor");
        var checkpoint = await CheckpointCoveringAsync(auditor, await NewestSequenceAsync(api.Database));
        var publicKey = await (await auditor.GetAsync("/api/audit/public-key")).Content.ReadAsStringAsync();

        var proof = await Json(await auditor.GetAsync($"/api/audit/proofs/inclusion?sequence={sequence}&treeSize={checkpoint["treeSize"]}"), HttpStatusCode.OK);

        Assert.True(Signed(checkpoint, publicKey));
        Assert.Equal(Leaf(Bytes(proof["eventHash"])), Bytes(proof["leafHash"]));
        var size = checkpoint["treeSize"]!.GetValue<long>();
        var index = proof["leafIndex"]!.GetValue<long>();
        Assert.True(VerifyInclusion(index, size, Bytes(proof["leafHash"]), Hashes(proof["auditPath"]), Bytes(checkpoint["rootHash"])));
        Assert.False(VerifyInclusion(index, size, Leaf(new byte[32]), Hashes(proof["auditPath"]), Bytes(checkpoint["rootHash"])));
    }

    [Fact]
    public async Task A_consistency_proof_shows_an_earlier_signed_tree_is_a_prefix_of_a_later_one()
    {
        await LaunchAsync(api.Admin);
        var earlier = await CheckpointCoveringAsync(api.Admin, await NewestSequenceAsync(api.Database));
        await ProgrammeWithOpenCallAsync(api.Admin);
        var later = await CheckpointCoveringAsync(api.Admin, await NewestSequenceAsync(api.Database));
        var (m, n) = (earlier["treeSize"]!.GetValue<long>(), later["treeSize"]!.GetValue<long>());

        var proof = Hashes((await Json(await api.Admin.GetAsync($"/api/audit/proofs/consistency?from={m}&to={n}"), HttpStatusCode.OK))["proof"]);

        Assert.True(m < n);
        Assert.Equal(earlier["rootHash"]!.GetValue<string>(), (await Json(await api.Admin.GetAsync($"/api/audit/checkpoints/{m}"), HttpStatusCode.OK))["rootHash"]!.GetValue<string>());
        Assert.True(VerifyConsistency(m, n, proof, Bytes(earlier["rootHash"]), Bytes(later["rootHash"])));
        Assert.False(VerifyConsistency(m, n, proof, Bytes(later["rootHash"]), Bytes(later["rootHash"])));
    }

    [Fact]
    public async Task A_forged_checkpoint_does_not_verify_with_the_published_key()
    {
        await LaunchAsync(api.Admin);
        var checkpoint = await CheckpointCoveringAsync(api.Admin, await NewestSequenceAsync(api.Database));
        var publicKey = await (await api.Admin.GetAsync("/api/audit/public-key")).Content.ReadAsStringAsync();

        var biggerTree = checkpoint.DeepClone();
        biggerTree["treeSize"] = checkpoint["treeSize"]!.GetValue<long>() + 1;
        var otherRoot = checkpoint.DeepClone();
        otherRoot["rootHash"] = Convert.ToBase64String(new byte[32]);
        var otherKey = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256).ExportSubjectPublicKeyInfoPem();

        Assert.True(Signed(checkpoint, publicKey));
        Assert.False(Signed(biggerTree, publicKey));
        Assert.False(Signed(otherRoot, publicKey));
        Assert.False(Signed(checkpoint, otherKey));
    }

    [Fact]
    public async Task Verify_recomputes_every_chain_and_the_tree_and_finds_them_intact()
    {
        await ProgrammeWithOpenCallAsync(api.Admin);
        await CheckpointCoveringAsync(api.Admin, await NewestSequenceAsync(api.Database));

        var report = await Json(await (await api.ClientWithRole("auditor")).PostAsync("/api/audit/verify", null), HttpStatusCode.OK);

        Assert.True(report["intact"]!.GetValue<bool>(), report.ToJsonString());
        Assert.Null(report["first"]);
        Assert.True(report["events"]!.GetValue<long>() >= 3);
        Assert.True(report["leaves"]!.GetValue<long>() >= 3);
        Assert.True(report["checkpoints"]!.GetValue<int>() >= 1);
    }

    [Fact]
    public async Task An_export_checks_out_offline_with_ops_audit_verify_and_one_changed_byte_does_not()
    {
        var (programme, _) = await ProgrammeWithOpenCallAsync(api.Admin);
        var from = await SequenceOfAsync(api.Database, programme, 1);
        var checkpoint = await CheckpointCoveringAsync(api.Admin, await NewestSequenceAsync(api.Database));
        var keyFile = Path.GetTempFileName();
        var exportFile = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(keyFile, await (await api.Admin.GetAsync("/api/audit/public-key")).Content.ReadAsStringAsync());
            var response = await api.Admin.GetAsync($"/api/audit/export?from={from}&to={checkpoint["lastSequence"]}");
            Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
            var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(programme.ToString(), JsonNode.Parse(lines[0])!["streamId"]!.GetValue<string>());
            Assert.Equal(checkpoint["rootHash"]!.GetValue<string>(), JsonNode.Parse(lines[^1])!["checkpoint"]!["rootHash"]!.GetValue<string>());

            await File.WriteAllLinesAsync(exportFile, lines);
            var intact = await AuditVerifyAsync("export", exportFile, "--public-key", keyFile);
            Assert.True(intact.ExitCode == 0, intact.Output);
            Assert.Contains("export: intact", intact.Output);

            var changed = JsonNode.Parse(lines[0])!;
            changed["data"] = changed["data"]!.GetValue<string>().Replace("Accelerator", "Incubator");
            Assert.NotEqual(lines[0], changed.ToJsonString());
            await File.WriteAllLinesAsync(exportFile, [changed.ToJsonString(), .. lines[1..]]);
            var tampered = await AuditVerifyAsync("export", exportFile, "--public-key", keyFile);
            Assert.Equal(1, tampered.ExitCode);
            Assert.Contains($"sequence {from} (stream {programme}, version 1): its bytes no longer match its hash", tampered.Output);
        }
        finally
        {
            File.Delete(keyFile);
            File.Delete(exportFile);
        }
    }

    [Fact]
    public async Task Only_auditors_and_admins_read_checkpoints_proofs_and_exports()
    {
        var manager = await api.ClientWithRole("manager", "OGR Torino");
        var integrator = await api.ClientWithRole("integrator");
        foreach (var client in new[] { manager, integrator })
        {
            await Problem(await client.GetAsync("/api/audit/checkpoints/latest"), HttpStatusCode.Forbidden, "auth.forbidden");
            await Problem(await client.GetAsync("/api/audit/public-key"), HttpStatusCode.Forbidden, "auth.forbidden");
            await Problem(await client.PostAsync("/api/audit/verify", null), HttpStatusCode.Forbidden, "auth.forbidden");
            await Problem(await client.GetAsync("/api/audit/export"), HttpStatusCode.Forbidden, "auth.forbidden");
        }
        await Problem(await api.Client().GetAsync("/api/audit/proofs/inclusion?sequence=1"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_proof_of_a_tree_that_does_not_exist_or_with_bad_bounds_is_a_problem_with_a_code()
    {
        await LaunchAsync(api.Admin);
        await CheckpointCoveringAsync(api.Admin, await NewestSequenceAsync(api.Database));

        await Problem(await api.Admin.GetAsync("/api/audit/proofs/inclusion?sequence=0"), HttpStatusCode.BadRequest, "request.invalid");
        await Problem(await api.Admin.GetAsync("/api/audit/proofs/consistency?from=3&to=2"), HttpStatusCode.BadRequest, "request.invalid");
        await Problem(await api.Admin.GetAsync("/api/audit/proofs/inclusion?sequence=1&treeSize=999999999"), HttpStatusCode.NotFound, "audit.beyond-tree");
        await Problem(await api.Admin.GetAsync("/api/audit/proofs/inclusion?sequence=999999999"), HttpStatusCode.NotFound, "audit.not-in-tree");
        await Problem(await api.Admin.GetAsync("/api/audit/checkpoints/999999999"), HttpStatusCode.NotFound, "audit.no-checkpoint");
        await Problem(await api.Admin.GetAsync("/api/audit/export?from=9&to=2"), HttpStatusCode.BadRequest, "request.invalid");
    }

    [Fact]
    public async Task Ops_audit_verify_checks_a_live_services_checkpoint_inclusion_and_consistency_proofs()
    {
        await using var database = new TestDatabase();
        await database.InitializeAsync();
        using var service = ServiceProcess.Start(database, new Dictionary<string, string> { ["Ecosystem__Audit__SigningKey"] = api.SigningKeyPath });
        await service.WaitUntilLiveAsync();
        var keyFile = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(keyFile, await (await service.Http.GetAsync("/api/audit/public-key")).Content.ReadAsStringAsync());
            await LaunchAsync(service.Http);
            var earlier = await CheckpointCoveringAsync(service.Http, await NewestSequenceAsync(database));
            await ProgrammeWithOpenCallAsync(service.Http);
            var later = await CheckpointCoveringAsync(service.Http, await NewestSequenceAsync(database));
            string[] online = ["--url", service.Http.BaseAddress!.ToString(), "--api-key", ServiceProcess.Key, "--public-key", keyFile];

            var signature = await AuditVerifyAsync(["checkpoint", .. online]);
            var inclusion = await AuditVerifyAsync(["inclusion", "--sequence", "1", "--tree-size", $"{later["treeSize"]}", .. online]);
            var consistency = await AuditVerifyAsync(["consistency", "--from", $"{earlier["treeSize"]}", "--to", $"{later["treeSize"]}", .. online]);

            Assert.True(signature.ExitCode == 0, signature.Output);
            Assert.Contains("signature verified", signature.Output);
            Assert.True(inclusion.ExitCode == 0, inclusion.Output);
            Assert.Contains($"is in the signed tree of {later["treeSize"]}", inclusion.Output);
            Assert.True(consistency.ExitCode == 0, consistency.Output);
            Assert.Contains($"the tree of {earlier["treeSize"]} is a prefix of the tree of {later["treeSize"]}", consistency.Output);
        }
        finally
        {
            File.Delete(keyFile);
        }
    }
}

/// <summary>One event's data changed behind the service's back, in SQL: verify names exactly that event, over HTTP and on the command line.</summary>
public sealed class TamperedEventTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task An_event_whose_data_was_changed_in_SQL_is_named_by_verify()
    {
        var (programme, _) = await ProgrammeWithOpenCallAsync(api.Admin);
        await ProgrammeWithOpenCallAsync(api.Admin);
        await CheckpointCoveringAsync(api.Admin, await NewestSequenceAsync(api.Database));
        var sequence = await SequenceOfAsync(api.Database, programme, 2);

        await ExecuteAsync(api.Database, "update mt_events set data = jsonb_set(data, '{capacity}', '999') where seq_id = $1", sequence);

        var report = await Json(await api.Admin.PostAsync("/api/audit/verify", null), HttpStatusCode.OK);
        Assert.False(report["intact"]!.GetValue<bool>());
        Assert.Equal("altered", report["first"]!["kind"]!.GetValue<string>());
        Assert.Equal(sequence, report["first"]!["sequence"]!.GetValue<long>());
        Assert.Equal(programme.ToString(), report["first"]!["streamId"]!.GetValue<string>());
        Assert.Equal(2, report["first"]!["version"]!.GetValue<long>());

        var cli = await CliVerifyAsync(api.Database, api.SigningKeyPath);
        Assert.Equal(1, cli.ExitCode);
        Assert.Contains($"altered at sequence {sequence}, stream {programme}, version 2", cli.Output.Replace("\n", " ").Replace("  ", " "));
    }

    static async Task<(int ExitCode, string Output)> CliVerifyAsync(TestDatabase database, string signingKey)
    {
        var info = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(ServiceProcess.ServiceAssembly());
        info.ArgumentList.Add("verify");
        info.Environment["ConnectionStrings__Ecosystem"] = database.ConnectionString;
        info.Environment["Ecosystem__LoadDemoData"] = "false";
        info.Environment["Ecosystem__Audit__SigningKey"] = signingKey;
        info.Environment["COLUMNS"] = "400";
        using var process = System.Diagnostics.Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(120));
        return (process.ExitCode, await stdout + await stderr);
    }
}

/// <summary>One event deleted behind the service's back, in SQL: verify names it.</summary>
public sealed class DeletedEventTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task An_event_deleted_in_SQL_is_named_by_verify()
    {
        var (programme, _) = await ProgrammeWithOpenCallAsync(api.Admin);
        await CheckpointCoveringAsync(api.Admin, await NewestSequenceAsync(api.Database));
        var sequence = await SequenceOfAsync(api.Database, programme, 2);

        await ExecuteAsync(api.Database, "delete from mt_events where seq_id = $1", sequence);

        var report = await Json(await api.Admin.PostAsync("/api/audit/verify", null), HttpStatusCode.OK);
        Assert.False(report["intact"]!.GetValue<bool>());
        Assert.Equal("deleted", report["first"]!["kind"]!.GetValue<string>());
        Assert.Equal(sequence, report["first"]!["sequence"]!.GetValue<long>());
        Assert.Equal(programme.ToString(), report["first"]!["streamId"]!.GetValue<string>());
        Assert.Equal(2, report["first"]!["version"]!.GetValue<long>());
    }
}
