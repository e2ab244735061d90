using NodaTime;
using PortailFamille.Api.Tests.Support;

namespace PortailFamille.Api.Tests.Money;

/// <summary>The régie's reads: the invoicing preview, an invoice line by line, the lists filtered by state.</summary>
public class RegieTests(AppFixture app) : MoneyTest(app)
{
    private async Task<(Enrolled Durand, Enrolled Petit)> OctoberOfTwoFamilies()
    {
        await CreateActivity();
        var durand = await EnrolledChild("Durand");
        var petit = await EnrolledChild("Petit");
        await Book(durand.InscriptionId, durand.Family.Token, "REPAS", "2026-10-05", "2026-10-06");
        await Book(petit.InscriptionId, petit.Family.Token, "REPAS", "2026-10-08");
        SetNow(AfterOctober);
        return (durand, petit);
    }

    [Fact]
    public async Task The_preview_announces_exactly_what_the_run_then_issues_and_writes_nothing()
    {
        var (durand, _) = await OctoberOfTwoFamilies();
        var staff = await StaffToken();

        var preview = (await Get("/api/staff/invoicing/preview?month=2026-10", staff))!;
        (preview["invoiceCount"]!.GetValue<int>(), preview["amountCents"]!.GetValue<int>(), preview["alreadyInvoiced"]!.GetValue<int>()).ShouldBe((2, 750, 0));
        preview["families"]!.AsArray().Select(f => (f!["familyName"]!.GetValue<string>(), f["amountCents"]!.GetValue<int>()))
            .ShouldBe([("Durand Claire", 500), ("Petit Claire", 250)]);
        (await Get("/api/staff/invoices?month=2026-10", staff))!.AsArray().ShouldBeEmpty();
        var firstPage = (await Get("/api/staff/invoicing/preview?month=2026-10&pageSize=1", staff))!;
        (firstPage["invoiceCount"]!.GetValue<int>(), firstPage["families"]!.AsArray().Count).ShouldBe((2, 1));

        var issued = await Invoice("2026-10", staff);
        issued.Select(i => i!["amountCents"]!.GetValue<int>()).Sum().ShouldBe(750);
        var after = (await Get("/api/staff/invoicing/preview?month=2026-10", staff))!;
        (after["invoiceCount"]!.GetValue<int>(), after["alreadyInvoiced"]!.GetValue<int>()).ShouldBe((0, 2));

        var durandInvoice = issued.Single(i => i!["familyId"]!.GetValue<string>() == durand.Family.FamilyId.ToString())!["invoiceId"]!.GetValue<string>();
        await Post($"/api/staff/invoices/{durandInvoice}/payments", new { amountCents = 200, method = "especes" }, staff, 201);
        var detail = (await Get($"/api/staff/invoices/{durandInvoice}", staff))!;
        (detail["amountCents"]!.GetValue<int>(), detail["paidCents"]!.GetValue<int>(), detail["balanceCents"]!.GetValue<int>(), detail["status"]!.GetValue<string>())
            .ShouldBe((500, 200, 300, "partially-paid"));
        var line = detail["lines"]!.AsArray().ShouldHaveSingleItem()!;
        (line["inscriptionId"]!.GetValue<string>(), line["unit"]!.GetValue<string>(), line["settledCents"]!.GetValue<int>()).ShouldBe((durand.InscriptionId.ToString(), "REPAS", 200));
        line["dates"]!.AsArray().Select(d => d!.GetValue<string>()).ShouldBe(["2026-10-05", "2026-10-06"]);
        detail["payments"]!.AsArray().ShouldHaveSingleItem()!["method"]!.GetValue<string>().ShouldBe("especes");

        (await Get("/api/staff/invoices?status=partially-paid", staff))!.AsArray().Select(i => i!["invoiceId"]!.GetValue<string>()).ShouldBe([durandInvoice]);
        (await Get("/api/staff/invoices?status=unpaid", staff))!.AsArray().Count.ShouldBe(1);
        (await Get("/api/staff/invoices?status=paid", staff))!.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task Online_payments_are_listed_with_their_payfip_state()
    {
        var (durand, _) = await OctoberOfTwoFamilies();
        var staff = await StaffToken();
        var invoiceId = (await Invoice("2026-10", staff)).Single(i => i!["familyId"]!.GetValue<string>() == durand.Family.FamilyId.ToString())!["invoiceId"]!.GetValue<string>();
        var token = await Relogin(durand.Family);
        var payment = (await Post("/api/payments", new { items = new[] { new { invoiceId, amountCents = 500 } } }, token, 201))!;

        var pending = (await Get("/api/staff/payments?status=pending", staff))!.AsArray().ShouldHaveSingleItem()!;
        (pending["paymentId"]!.GetValue<string>(), pending["familyName"]!.GetValue<string>(), pending["amountCents"]!.GetValue<int>())
            .ShouldBe((payment["paymentId"]!.GetValue<string>(), "Durand Claire", 500));
        pending["refdet"]!.GetValue<string>().ShouldBe(payment["refdet"]!.GetValue<string>());
        pending["invoices"]!.AsArray().Select(n => n!.GetValue<string>()).ShouldBe(["2026-000001"]);
        (await Get("/api/staff/payments?status=paid", staff))!.AsArray().ShouldBeEmpty();
    }

    [Theory]
    [InlineData("/api/staff/invoicing/preview?month=2026-13")]
    [InlineData("/api/staff/invoicing/preview")]
    [InlineData("/api/staff/invoicing/preview?month=2026-10&pageSize=0")]
    [InlineData("/api/staff/invoices?status=impayee")]
    [InlineData("/api/staff/payments?status=ok")]
    [InlineData("/api/staff/payments?page=0")]
    public async Task Bad_filters_are_400(string url) => await Get(url, await StaffToken(), 400);

    [Fact]
    public async Task An_unknown_invoice_is_404_and_parents_cannot_read_the_regie()
    {
        var family = await NewFamily();
        var staff = await StaffToken();
        await Get($"/api/staff/invoices/{Guid.NewGuid()}", staff, 404);
        await Get("/api/staff/payments", family.Token, 403);
        await Get("/api/staff/invoicing/preview?month=2026-10", family.Token, 403);
        await Get($"/api/staff/invoices/{Guid.NewGuid()}", null, 401);
    }
}
