using NodaTime;
using PortailFamille.Api.Money;
using PortailFamille.Api.Payments;
using PortailFamille.Api.Tests.Support;
using PortailFamille.Domain.Money;
using PortailFamille.Domain.Payments;

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

        var preview = await Get<InvoicingPreviewView>("/api/staff/invoicing/preview?month=2026-10", staff);
        (preview.InvoiceCount, preview.AmountCents, preview.AlreadyInvoiced).ShouldBe((2, 750, 0));
        preview.Families.Select(f => (f.FamilyName, f.AmountCents)).ShouldBe([("Durand Claire", 500), ("Petit Claire", 250)]);
        (await Get<List<StaffInvoiceView>>("/api/staff/invoices?month=2026-10", staff)).ShouldBeEmpty();
        var firstPage = await Get<InvoicingPreviewView>("/api/staff/invoicing/preview?month=2026-10&pageSize=1", staff);
        (firstPage.InvoiceCount, firstPage.Families.Count).ShouldBe((2, 1));

        var issued = As<InvoicingResult>(await Post("/api/staff/invoicing", new { month = "2026-10" }, staff, 200)).Invoices;
        issued.Sum(i => i.AmountCents).ShouldBe(750);
        var after = await Get<InvoicingPreviewView>("/api/staff/invoicing/preview?month=2026-10", staff);
        (after.InvoiceCount, after.AlreadyInvoiced).ShouldBe((0, 2));

        var durandInvoice = issued.Single(i => i.FamilyId == durand.Family.FamilyId).InvoiceId;
        await Post($"/api/staff/invoices/{durandInvoice}/payments", new { amountCents = 200, method = "especes" }, staff, 201);
        var detail = await Get<StaffInvoiceDetail>($"/api/staff/invoices/{durandInvoice}", staff);
        (detail.AmountCents, detail.PaidCents, detail.BalanceCents, detail.Status).ShouldBe((500, 200, 300, InvoiceStatus.PartiallyPaid));
        var line = detail.Lines.ShouldHaveSingleItem();
        (line.InscriptionId, line.Unit, line.SettledCents).ShouldBe((durand.InscriptionId, "REPAS", 200));
        line.Dates.ShouldBe([new LocalDate(2026, 10, 5), new LocalDate(2026, 10, 6)]);
        detail.Payments.ShouldHaveSingleItem().Method.ShouldBe("especes");

        (await Get<List<StaffInvoiceView>>("/api/staff/invoices?status=partially-paid", staff)).Select(i => i.InvoiceId).ShouldBe([durandInvoice]);
        (await Get<List<StaffInvoiceView>>("/api/staff/invoices?status=unpaid", staff)).ShouldHaveSingleItem().Status.ShouldBe(InvoiceStatus.Unpaid);
        (await Get<List<StaffInvoiceView>>("/api/staff/invoices?status=paid", staff)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Online_payments_are_listed_with_their_payfip_state()
    {
        var (durand, _) = await OctoberOfTwoFamilies();
        var staff = await StaffToken();
        var invoiceId = (await Invoice("2026-10", staff)).Single(i => i!["familyId"]!.GetValue<string>() == durand.Family.FamilyId.ToString())!["invoiceId"]!.GetValue<string>();
        var token = await Relogin(durand.Family);
        var payment = await Post<PaymentStarted>("/api/payments", new { items = new[] { new { invoiceId, amountCents = 500 } } }, token, 201);

        var pending = (await Get<List<StaffPaymentView>>("/api/staff/payments?status=pending", staff)).ShouldHaveSingleItem();
        (pending.PaymentId, pending.FamilyName, pending.AmountCents, pending.Status).ShouldBe((payment.PaymentId, "Durand Claire", 500, PaymentStatus.Pending));
        pending.Refdet.ShouldBe(payment.Refdet);
        pending.Invoices.ShouldBe(["2026-000001"]);
        (await Get<List<StaffPaymentView>>("/api/staff/payments?status=paid", staff)).ShouldBeEmpty();
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
