using Alba;
using PortailFamille.Api.Tests.Support;

namespace PortailFamille.Api.Tests.Plumbing;

/// <summary>Staff lists that grow with the commune come one page at a time, with the total in a header.</summary>
public class PagingTests(AppFixture app) : ApiTest(app)
{
    private async Task<(int Count, string? Total, IScenarioResult Result)> Page(string url, string token, string header = "X-Total-Count")
    {
        var result = await Host.Scenario(s => { s.Get.Url(url); s.WithBearerToken(token); s.StatusCodeShouldBeOk(); });
        var body = System.Text.Json.Nodes.JsonNode.Parse(await result.ReadAsTextAsync())!;
        var count = body is System.Text.Json.Nodes.JsonArray array ? array.Count : body["requests"]!.AsArray().Count;
        return (count, result.Context.Response.Headers[header].ToString(), result);
    }

    [Fact]
    public async Task Families_invoices_and_pending_requests_are_paged()
    {
        await CreateActivity();
        var names = new[] { "Arnaud", "Bernard", "Chevalier" };
        foreach (var (name, i) in names.Select((n, i) => (n, i)))
        {
            var child = await EnrolledChild(name);
            await SeedInvoice(child, number: $"2026-00099{i}");
            await Post("/api/requests", new { type = "attestation-fiscale", year = 2026 }, child.Family.Token, 201);
        }
        var staff = await StaffToken();

        (await Page("/api/staff/families?pageSize=2", staff)).ShouldSatisfyAllConditions(p => p.Count.ShouldBe(2), p => p.Total.ShouldBe("3"));
        var last = await Page("/api/staff/families?page=2&pageSize=2", staff);
        last.Count.ShouldBe(1);
        (await last.Result.ReadAsTextAsync()).ShouldContain("Chevalier");
        (await Page("/api/staff/families", staff)).Count.ShouldBe(3);

        (await Page("/api/staff/invoices?pageSize=2", staff)).ShouldSatisfyAllConditions(p => p.Count.ShouldBe(2), p => p.Total.ShouldBe("3"));
        (await Page("/api/staff/invoices?page=2&pageSize=2", staff)).Count.ShouldBe(1);

        var pending = await Page("/api/staff/pending?pageSize=2", staff, "X-Total-Count-Requests");
        pending.ShouldSatisfyAllConditions(p => p.Count.ShouldBe(2), p => p.Total.ShouldBe("3"));
        (await Page("/api/staff/pending?page=2&pageSize=2", staff, "X-Total-Count-Requests")).Count.ShouldBe(1);
    }

    [Theory]
    [InlineData("/api/staff/families?page=0")]
    [InlineData("/api/staff/families?pageSize=201")]
    [InlineData("/api/staff/invoices?pageSize=0")]
    [InlineData("/api/staff/invoices?page=x")]
    [InlineData("/api/staff/pending?page=-1")]
    public async Task Pages_out_of_bounds_are_400(string url) => await Get(url, await StaffToken(), 400);
}
