using System.Text.Json;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using PortailFamille.Domain.Families;

namespace PortailFamille.Api.Tests.Support;

/// <summary>
/// Two deliberately broken endpoints, only in the test host, to prove the fuzzer and the access matrix
/// can fail: one answers 500 to a negative number, one shows any family to any logged-in caller.
/// </summary>
public sealed class TestOnlyEndpoints : IStartupFilter
{
    public const string Boom = "/api/test-only/boom";
    public const string Leak = "/api/test-only/families/{familyId}";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, following) =>
        {
            var path = context.Request.Path.Value ?? "";
            if (path == Boom && HttpMethods.IsPost(context.Request.Method)) await BoomAsync(context);
            else if (path.StartsWith("/api/test-only/families/") && HttpMethods.IsGet(context.Request.Method)) await LeakAsync(context, path);
            else await following(context);
        });
        next(app);
    };

    private static async Task BoomAsync(HttpContext context)
    {
        try
        {
            using var doc = await JsonDocument.ParseAsync(context.Request.Body);
            var broken = doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("n", out var n)
                && n.ValueKind == JsonValueKind.Number && n.GetDouble() < 0;
            await Results.Problem(statusCode: broken ? 500 : 400, detail: "test").ExecuteAsync(context);
        }
        catch (JsonException)
        {
            await Results.Problem(statusCode: 400, detail: "test").ExecuteAsync(context);
        }
    }

    private static async Task LeakAsync(HttpContext context, string path)
    {
        if (!context.Request.Headers.ContainsKey("Authorization"))
        {
            await Results.Problem(statusCode: 401, detail: "test").ExecuteAsync(context);
            return;
        }
        await using var session = context.RequestServices.GetRequiredService<IDocumentStore>().QuerySession(AppFixture.TenantId);
        var family = Guid.TryParse(path.Split('/').Last(), out var id) ? await session.LoadAsync<Family>(id) : null;
        await (family is null ? Results.Problem(statusCode: 404, detail: "test") : Results.Ok(new { family.Id, family.Email })).ExecuteAsync(context);
    }
}
