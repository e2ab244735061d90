using System.Text.Json.Nodes;
using Alba;
using Marten;
using Marten.Events;
using PortailFamille.Api.Tests.Support;

namespace PortailFamille.Api.Tests.Plumbing;

public class PlumbingTests(AppFixture app) : ApiTest(app)
{
    [Fact]
    public async Task Health_checks_the_database_and_shows_each_async_projection_against_the_high_water_mark()
    {
        await CreateActivity();
        var child = await EnrolledChild("Durand");
        await Reserve(child.InscriptionId, child.Family.Token, ("2026-10-05", "book"));
        await Host.DocumentStore().WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));
        var health = await Get("/health", null);
        health!["status"]!.GetValue<string>().ShouldBe("healthy");
        var highWater = health["daemon"]!["highWaterMark"]!.GetValue<long>();
        highWater.ShouldBeGreaterThan(0);
        var headcounts = health["daemon"]!["projections"]!.AsArray().Single(p => p!["name"]!.GetValue<string>().StartsWith("DayHeadcount"))!;
        headcounts["sequence"]!.GetValue<long>().ShouldBe(highWater);
        headcounts["behind"]!.GetValue<long>().ShouldBe(0);
    }

    [Fact]
    public async Task The_openapi_document_and_swagger_ui_are_served_anonymously()
    {
        var result = await Host.Scenario(s => { s.Get.Url("/swagger/v1/swagger.json"); s.StatusCodeShouldBeOk(); });
        var doc = JsonNode.Parse(await result.ReadAsTextAsync())!;
        var paths = doc["paths"]!.AsObject().Select(p => p.Key).ToList();
        paths.ShouldContain("/api/auth/login");
        paths.ShouldContain("/api/staff/families/{familyId}");
        paths.ShouldContain("/api/calendar");
        await Host.Scenario(s => { s.Get.Url("/swagger/index.html"); s.StatusCodeShouldBeOk(); });
    }

    [Fact]
    public async Task Every_operation_of_the_openapi_document_has_a_french_summary_a_description_and_its_responses()
    {
        var result = await Host.Scenario(s => { s.Get.Url("/swagger/v1/swagger.json"); s.StatusCodeShouldBeOk(); });
        var text = await result.ReadAsTextAsync();
        var doc = JsonNode.Parse(text)!;
        doc["servers"]!.AsArray().ShouldNotBeEmpty();
        var lacking = new List<string>();
        foreach (var (path, operations) in doc["paths"]!.AsObject())
        foreach (var (method, operation) in operations!.AsObject())
        {
            var summary = operation!["summary"]?.GetValue<string>() ?? "";
            var description = operation["description"]?.GetValue<string>() ?? "";
            // Wolverine's default summary is the operation id ("GET_api_…"): an operation nobody described.
            if (summary.Length == 0 || summary.Contains('_') || description.Length < 20 || operation["responses"]!.AsObject().Count == 0)
                lacking.Add($"{method.ToUpperInvariant()} {path}");
        }
        lacking.ShouldBeEmpty();
        // For ops/test, which lints this very document with @redocly/cli.
        var artifacts = Path.Combine(RepositoryRoot(), "artifacts");
        Directory.CreateDirectory(artifacts);
        await File.WriteAllTextAsync(Path.Combine(artifacts, "openapi.json"), text);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "PortailFamille.sln"))) return dir.FullName;
        throw new InvalidOperationException("PortailFamille.sln not found above the test binaries.");
    }

    [Fact]
    public async Task Unknown_routes_are_problem_details()
    {
        var problem = await Get("/api/nulle-part", await StaffToken(), 404);
        problem!["detail"]!.GetValue<string>().ShouldBe("Ressource introuvable.");
        problem["title"]!.GetValue<string>().ShouldBe("Introuvable");
    }

    [Fact]
    public async Task A_wrong_verb_is_a_problem_in_french()
    {
        var staff = await StaffToken();
        var result = await Host.Scenario(s =>
        {
            s.Delete.Url("/api/staff/families");
            s.WithBearerToken(staff);
            s.StatusCodeShouldBe(405);
        });
        result.Context.Response.ContentType.ShouldStartWith("application/problem+json");
        JsonNode.Parse(await result.ReadAsTextAsync())!["detail"]!.GetValue<string>().ShouldBe("Cette opération n'existe pas pour cette adresse.");
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_refused_with_a_problem()
    {
        var staff = await StaffToken();
        await Raw("POST", "/api/staff/accounts", "email=a@b.fr", "application/x-www-form-urlencoded", staff, 415);
        await Raw("POST", "/api/staff/accounts", "[1,2,3]", "application/json", staff, 400);
        await Raw("POST", "/api/staff/accounts", "null", "application/json", staff, 400);
        await Raw("POST", "/api/staff/accounts", new string('x', 2_000_000), "application/json", staff, 413);
    }

    [Fact]
    public async Task Problems_come_in_order_401_then_403_before_bad_input()
    {
        await Raw("POST", "/api/staff/accounts", "{cassé", "application/json", null, 401);
        var family = await NewFamily();
        await Raw("POST", "/api/staff/accounts", "{cassé", "application/json", family.Token, 403);
    }
}
