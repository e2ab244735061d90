using System.Text.Json.Nodes;
using Alba;
using PortailFamille.Api.Tests.Support;

namespace PortailFamille.Api.Tests.Plumbing;

/// <summary>The access table of the API contract, checked on every operation the OpenAPI document lists.</summary>
public class AccessTests(AppFixture app) : ApiTest(app)
{
    private static readonly string[] Anonymous = ["/api/auth/", "/api/payfip/notification", "/payfip-simulator/", "/health", "/swagger"];
    private static readonly string[] KitchenPaths = ["/api/staff/headcounts", "/api/staff/attendance-sheet"];
    private static readonly string[] Shared = ["/api/activities", "/api/calendar", "/api/me"];
    /// <summary>Routes staff may call although they are parent routes (booking on behalf of a family).</summary>
    private static readonly string[] StaffOnParentRoutes = ["/api/inscriptions/{id}/reservations", "/api/inscriptions/{id}/planning"];

    private async Task<List<(string Method, string Path)>> Operations()
    {
        var result = await Host.Scenario(s => { s.Get.Url("/swagger/v1/swagger.json"); s.StatusCodeShouldBeOk(); });
        var doc = JsonNode.Parse(await result.ReadAsTextAsync())!;
        return doc["paths"]!.AsObject()
            .SelectMany(p => p.Value!.AsObject().Select(op => (op.Key.ToUpperInvariant(), p.Key)))
            .ToList();
    }

    private static string Concrete(string path) => System.Text.RegularExpressions.Regex.Replace(path, "{[^}]+}", Guid.NewGuid().ToString());

    private async Task<int> StatusOf(string method, string path, string? token)
    {
        var result = await Host.Scenario(s =>
        {
            s.ConfigureHttpContext(c =>
            {
                c.Request.Method = method;
                c.Request.Path = Concrete(path);
                c.Request.ContentType = "application/json";
                c.Request.Body = new MemoryStream("{}"u8.ToArray());
            });
            if (token is not null) s.WithBearerToken(token);
            s.IgnoreStatusCode();
        });
        return result.Context.Response.StatusCode;
    }

    [Fact]
    public async Task Anonymous_callers_get_401_outside_the_public_routes()
    {
        foreach (var (method, path) in await Operations())
        {
            if (Anonymous.Any(path.StartsWith)) continue;
            (await StatusOf(method, path, null)).ShouldBe(401, $"{method} {path}");
        }
    }

    [Fact]
    public async Task Each_role_gets_403_outside_its_routes()
    {
        var parent = (await NewFamily()).Token;
        var staff = await StaffToken();
        await Post("/api/staff/accounts", new { email = "cuisine@mairie.test", role = "kitchen" }, staff, 201);
        await Post("/api/auth/activation", new { token = TokenIn(await MailTo("cuisine@mairie.test", "Activez")), password = "Cuisine-Mairie-2026!" }, null, 204);
        var kitchen = await Login("cuisine@mairie.test", "Cuisine-Mairie-2026!");

        foreach (var (method, path) in await Operations())
        {
            if (Anonymous.Any(path.StartsWith) || Shared.Any(path.StartsWith)) continue;
            var staffRoute = path.StartsWith("/api/staff/");
            if (staffRoute)
                (await StatusOf(method, path, parent)).ShouldBe(403, $"parent on {method} {path}");
            else if (!StaffOnParentRoutes.Contains(path))
                (await StatusOf(method, path, staff)).ShouldBe(403, $"staff on {method} {path}");
            if (!KitchenPaths.Any(path.StartsWith))
                (await StatusOf(method, path, kitchen)).ShouldBe(403, $"kitchen on {method} {path}");
        }
    }

    [Fact]
    public async Task Shared_routes_answer_every_role()
    {
        var parent = (await NewFamily()).Token;
        var staff = await StaffToken();
        foreach (var token in new[] { parent, staff })
        {
            await Get("/api/activities", token);
            await Get("/api/calendar?from=2026-09-01&to=2026-09-07", token);
            await Get("/api/me", token);
        }
    }
}
