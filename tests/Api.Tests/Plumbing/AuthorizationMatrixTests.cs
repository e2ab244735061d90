using System.Text.Json.Nodes;
using Alba;
using PortailFamille.Api.Tests.Support;

namespace PortailFamille.Api.Tests.Plumbing;

/// <summary>Every operation of the OpenAPI document × {anonymous, kitchen, a driver, another family, the owner, staff}.</summary>
public class AuthorizationMatrixTests(AppFixture app) : ApiTest(app)
{
    private async Task<List<string>> DocumentedOperations()
    {
        var result = await Host.Scenario(s => { s.Get.Url("/swagger/v1/swagger.json"); s.StatusCodeShouldBeOk(); });
        return JsonNode.Parse(await result.ReadAsTextAsync())!["paths"]!.AsObject()
            .SelectMany(p => p.Value!.AsObject().Select(op => $"{op.Key.ToUpperInvariant()} {p.Key}")).ToList();
    }

    [Fact]
    public async Task Every_documented_operation_has_an_entry_in_the_catalog()
    {
        var catalogued = OperationCatalog.All.Select(o => o.Key).ToHashSet();
        (await DocumentedOperations()).Where(o => !catalogued.Contains(o)).ShouldBeEmpty("a new endpoint needs an entry in OperationCatalog");
        OperationCatalog.All.Select(o => o.Key).Where(k => !k.StartsWith("GET /health")).Except(await DocumentedOperations()).ShouldBeEmpty();
    }

    [Fact]
    public async Task Every_operation_answers_each_role_as_the_contract_says_and_leaks_nothing()
    {
        var (tokens, ids, secrets, logInAgain) = await MatrixWorld();
        var (calls, failures) = await AccessMatrix.RunAsync(Host, OperationCatalog.All, tokens, ids, secrets, logInAgain);
        calls.ShouldBe(OperationCatalog.All.Count * 6); // anonymous, kitchen, driver, another parent, the owner, staff
        failures.ShouldBeEmpty();
    }

    [Fact]
    public async Task The_matrix_reports_an_endpoint_that_shows_another_family()
    {
        var (tokens, ids, secrets, _) = await MatrixWorld();
        var leaking = new OperationSpec("GET", TestOnlyEndpoints.Leak, Access.ParentOwned);
        var (_, failures) = await AccessMatrix.RunAsync(Host, [leaking], tokens, ids, secrets);
        failures.ShouldContain(f => f.Contains("as other-parent: 200, expected 404"));
        failures.ShouldContain(f => f.Contains("leaks another family's data"));
    }
}
