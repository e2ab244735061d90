using Marten;
using Microsoft.Extensions.DependencyInjection;
using PortailFamille.Api.Tests.Support;

namespace PortailFamille.Api.Tests.Plumbing;

/// <summary>Bodies a strict reader could half-read: repeated keys and nulls inside lists are 400, never 500, and write nothing.</summary>
public class RepeatedKeyAndNullTests(AppFixture app) : ApiTest(app)
{
    private async Task<long> EventCount()
    {
        await using var session = Host.Services.GetRequiredService<IDocumentStore>().QuerySession(AppFixture.TenantId);
        return await session.Events.QueryAllRawEvents().CountAsync();
    }

    [Fact]
    public async Task A_request_repeating_a_key_of_its_changes_is_400()
    {
        var family = await NewFamily();
        var before = await EventCount();
        var body = """{"type":"family-change","changes":{"address.line1":"5 place de l'Église","address.line1":"6 place de l'Église"}}""";
        var answer = await Raw("POST", "/api/requests", body, "application/json", family.Token, 400);
        (await answer.ReadAsTextAsync()).ShouldContain("répété");
        await Raw("POST", "/api/requests", """{"type":"attestation-fiscale","type":"attestation-fiscale","year":2026}""", "application/json", family.Token, 400);
        (await EventCount()).ShouldBe(before);
    }

    [Fact]
    public async Task A_repeated_field_of_a_typed_body_is_400()
    {
        await Raw("POST", "/api/auth/login", """{"email":"a@b.fr","email":"c@d.fr","password":"x"}""", "application/json", null, 400);
    }

    [Theory]
    [InlineData("units", """["REPAS",null]""")]
    [InlineData("groups", """[null]""")]
    [InlineData("tariffs", """[null]""")]
    [InlineData("weekdays", """[null,"monday"]""")]
    public async Task A_null_inside_a_list_is_400_and_creates_nothing(string field, string list)
    {
        var staff = await StaffToken();
        var body = System.Text.Json.Nodes.JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(ActivityBody("NULS"), AccessMatrix.Json))!;
        body[field] = System.Text.Json.Nodes.JsonNode.Parse(list);
        var answer = await Raw("POST", "/api/staff/activities", body.ToJsonString(), "application/json", staff, 400);
        (await answer.ReadAsTextAsync()).ShouldContain("null");
        await using var session = Host.Services.GetRequiredService<IDocumentStore>().QuerySession(AppFixture.TenantId);
        (await session.Query<Domain.Activities.Activity>().CountAsync(a => a.Code == "NULS")).ShouldBe(0);
    }
}
