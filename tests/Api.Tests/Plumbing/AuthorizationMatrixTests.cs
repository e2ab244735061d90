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

    /// <summary>Family A (owner) with an inscription, family B (another family), a kitchen login, a driver's login.</summary>
    private async Task<(MatrixTokens Tokens, CatalogIds Ids, string[] Secrets, Func<Task<MatrixTokens>> LogInAgain)> World()
    {
        await CreateActivity();
        await CreateActivity("GARDERIE");
        var owner = await EnrolledChild("Durand");
        var other = await NewFamily("Petit");
        var staff = await StaffToken();
        var kitchen = await KitchenToken();
        var driver = await DriverToken();
        var periodId = Guid.Parse((await Get("/api/staff/calendar/periods", staff))![0]!["periodId"]!.GetValue<string>());
        var requestId = Id(await Post("/api/requests", new { type = "attestation-fiscale", year = 2026 }, owner.Family.Token, 201), "requestId");
        var invoiceId = await SeedInvoice(owner);
        var paymentId = Id(await Post("/api/payments", new { items = new[] { new { invoiceId, amountCents = 1000 } } }, owner.Family.Token, 201), "paymentId");
        // The account staff deactivate and reactivate is none of the callers'.
        var accountId = Id(await Post("/api/staff/accounts", new { email = "cible@mairie.test", role = "kitchen" }, staff, 201), "accountId");
        var bus = await OnTheBus(owner);
        return (new MatrixTokens(staff, kitchen, owner.Family.Token, other.Token, driver),
            new CatalogIds(owner.Family.FamilyId, owner.ChildId, owner.InscriptionId, periodId, requestId, invoiceId, paymentId, accountId, bus),
            [owner.Family.FamilyId.ToString(), owner.InscriptionId.ToString(), owner.ChildId.ToString(), owner.Family.Email],
            async () => new MatrixTokens(await StaffToken(), await Login("cuisine@mairie.test", KitchenPassword),
                await OwnerLogsInAgain(owner.Family.FamilyId), await Login(other.Email, ParentPassword), await Login("chauffeur@mairie.test", DriverPassword)));
    }

    private bool _ownerActivatedAgain;

    /// <summary>After the catalog's e-mail change, the owner activates the account again from the new address
    /// (the family file says where it lives now; the activation mail may still be on its way).</summary>
    private async Task<string> OwnerLogsInAgain(Guid familyId)
    {
        var email = (await Get($"/api/staff/families/{familyId}", await StaffToken()))!["email"]!.GetValue<string>();
        if (email == "matrice-nouvelle@famille.test" && !_ownerActivatedAgain)
        {
            var activation = TokenIn(await MailTo(email, "Activez"));
            await Call(HttpMethod.Post, "/api/auth/activation", new { token = activation, password = ParentPassword }, null, 204);
            _ownerActivatedAgain = true;
        }
        return await Login(email, ParentPassword);
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
        var (tokens, ids, secrets, logInAgain) = await World();
        var (calls, failures) = await AccessMatrix.RunAsync(Host, OperationCatalog.All, tokens, ids, secrets, logInAgain);
        calls.ShouldBe(OperationCatalog.All.Count * 6); // anonymous, kitchen, driver, another parent, the owner, staff
        failures.ShouldBeEmpty();
    }

    [Fact]
    public async Task The_matrix_reports_an_endpoint_that_shows_another_family()
    {
        var (tokens, ids, secrets, _) = await World();
        var leaking = new OperationSpec("GET", TestOnlyEndpoints.Leak, Access.ParentOwned);
        var (_, failures) = await AccessMatrix.RunAsync(Host, [leaking], tokens, ids, secrets);
        failures.ShouldContain(f => f.Contains("as other-parent: 200, expected 404"));
        failures.ShouldContain(f => f.Contains("leaks another family's data"));
    }
}
