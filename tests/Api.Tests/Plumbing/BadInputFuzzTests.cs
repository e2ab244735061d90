using PortailFamille.Api.Tests.Support;

namespace PortailFamille.Api.Tests.Plumbing;

/// <summary>At least 10,000 generated malformed requests over every operation: never a 5xx, always problem details, nothing written.</summary>
public class BadInputFuzzTests(AppFixture app) : ApiTest(app)
{
    public const int Total = 10_000;

    private async Task<(CatalogIds Ids, Func<OperationSpec, string?> TokenFor)> World()
    {
        await CreateActivity();
        var owner = await EnrolledChild("Durand");
        var staff = await StaffToken();
        var periodId = Guid.Parse((await Get("/api/staff/calendar/periods", staff))![0]!["periodId"]!.GetValue<string>());
        var requestId = Id(await Post("/api/requests", new { type = "attestation-fiscale", year = 2026 }, owner.Family.Token, 201), "requestId");
        var invoiceId = await SeedInvoice(owner);
        var paymentId = Id(await Post("/api/payments", new { items = new[] { new { invoiceId, amountCents = 1000 } } }, owner.Family.Token, 201), "paymentId");
        // Each operation is called by a role allowed to call it, so the refusal comes from the input.
        var bus = await OnTheBus(owner);
        return (new CatalogIds(owner.Family.FamilyId, owner.ChildId, owner.InscriptionId, periodId, requestId, invoiceId, paymentId, ShuttleInscriptionId: bus), op => op.Access switch
        {
            Access.Public => null,
            Access.Staff or Access.StaffOrKitchen => staff,
            _ => owner.Family.Token,
        });
    }

    [Fact]
    public async Task Ten_thousand_malformed_requests_get_problem_details_never_a_5xx_and_write_nothing()
    {
        var (ids, tokenFor) = await World();
        // Operations without a body, a path id or a query have no input to break.
        var withInput = OperationCatalog.All.Where(BadInputFuzzer.HasInput).ToList();
        var perOperation = (int)Math.Ceiling(Total / (double)withInput.Count);
        var report = await BadInputFuzzer.RunAsync(Host, withInput, ids, tokenFor, perOperation);
        report.Failures.ShouldBeEmpty();
        report.Sent.ShouldBeGreaterThanOrEqualTo(Total);
        report.ByKind.Keys.ShouldBe(["bad", "missing", "extra", "broken", "truncated", "wrong"], ignoreOrder: true);
    }

    [Fact]
    public async Task The_fuzzer_reports_an_endpoint_that_answers_500_on_some_input()
    {
        var (ids, _) = await World();
        var boom = new OperationSpec("POST", TestOnlyEndpoints.Boom, Access.Public, _ => new { n = 1, label = "x" });
        // About one case in 120 is a negative n: 2,000 cases miss it with a probability under 1e-7.
        var report = await BadInputFuzzer.RunAsync(Host, [boom], ids, _ => null, perOperation: 2000);
        report.Failures.ShouldContain(f => f.Contains("/n") && f.EndsWith(": 500"));
    }
}
