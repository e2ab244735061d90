using PortailFamille.Domain.Bookings;
using Marten;
using NodaTime;
using PortailFamille.Api.Tests.Support;
using PortailFamille.Domain.Money;

namespace PortailFamille.Api.Tests.Money;

public class InvoicingTests(AppFixture app) : MoneyTest(app)
{
    /// <summary>Durand (QF 650: 2.50 € a meal) books six October days, cancels one in time and one too late;
    /// staff mark one day present, one absent and one justified.</summary>
    private async Task<Enrolled> OctoberOfDurand()
    {
        await CreateActivity();
        var child = await EnrolledChild("Durand");
        await Reserve(child.InscriptionId, child.Family.Token,
            ("2026-10-05", "book"), ("2026-10-06", "book"), ("2026-10-08", "book"), ("2026-10-09", "book"), ("2026-10-12", "book"), ("2026-10-13", "book"));
        await Reserve(child.InscriptionId, child.Family.Token, ("2026-10-12", "cancel"));
        SetNow(Instant.FromUtc(2026, 10, 9, 10, 0)); // the 13th's cut-off was 10:00 today in Paris
        var late = await Reserve(child.InscriptionId, await Relogin(child.Family), ("2026-10-13", "cancel"));
        late[0].Outcome.ShouldBe(Outcome.Refused);
        SetNow(Instant.FromUtc(2026, 10, 13, 16, 0));
        var staff = await StaffToken();
        await MarkAttendance(staff, "CANTINE", "REPAS", "2026-10-05", child.InscriptionId, "present");
        await MarkAttendance(staff, "CANTINE", "REPAS", "2026-10-06", child.InscriptionId, "absent");
        await MarkAttendance(staff, "CANTINE", "REPAS", "2026-10-08", child.InscriptionId, "absent-justified");
        SetNow(AfterOctober);
        return child;
    }

    [Fact]
    public async Task A_month_is_invoiced_with_exactly_the_charged_days_and_only_once()
    {
        var child = await OctoberOfDurand();
        var staff = await StaffToken();
        var issued = await Invoice("2026-10", staff);
        issued.Count.ShouldBe(1);
        issued[0]!["number"]!.GetValue<string>().ShouldBe("2026-000001");
        Cents(issued[0], "amountCents").ShouldBe(1000); // 5 present, 6 absent, 9 booked, 13 late cancellation: 4 × 2.50 €

        await using var session = Host.DocumentStore().QuerySession(AppFixture.TenantId);
        var invoice = await session.LoadAsync<Invoice>(Id(issued[0], "invoiceId"));
        var line = invoice!.Lines.ShouldHaveSingleItem();
        (line.ChildName, line.ActivityCode, line.Unit, line.UnitPriceCents, line.AmountCents).ShouldBe(("Léo Durand", "CANTINE", "REPAS", 250, 1000));
        line.Dates.Select(d => d.Day).ShouldBe([5, 6, 9, 13]);
        var charged = (await session.Events.FetchStreamAsync(child.InscriptionId)).Select(e => e.Data).OfType<MonthCharged>().ShouldHaveSingleItem();
        (charged.InvoiceId, charged.AmountCents, charged.Month).ShouldBe((invoice.Id, 1000, "2026-10"));

        (await MailTo(child.Family.Email, "votre facture 2026-000001")).TextBody!.ShouldContain("10,00 €");
        (await Invoice("2026-10", staff)).ShouldBeEmpty();
        var token = await Relogin(child.Family);
        var invoices = (await Get("/api/account/invoices", token))!.AsArray();
        invoices.Select(i => (i!["number"]!.GetValue<string>(), Cents(i, "amountCents"), i["status"]!.GetValue<string>()))
            .ShouldBe([("2026-000001", 1000, "unpaid")]);
    }

    [Fact]
    public async Task Only_ended_months_are_invoiced_and_a_bad_month_is_refused()
    {
        await CreateActivity();
        var staff = await StaffToken(); // 14 September 2026
        await Post("/api/staff/invoicing", new { month = "2026-09" }, staff, 422);
        await Post("/api/staff/invoicing", new { month = "2026-12" }, staff, 422);
        await Post("/api/staff/invoicing", new { month = "2026-13" }, staff, 400);
        await Post("/api/staff/invoicing", new { month = "octobre" }, staff, 400);
        await Post("/api/staff/invoicing", new { month = "2026-08", extra = 1 }, staff, 400);
        (await Invoice("2026-08", staff)).ShouldBeEmpty(); // nothing booked in August: no invoice
        await Get("/api/staff/invoices?familyId=abc", staff, 400); // an unreadable filter is refused, not ignored
        await Get("/api/staff/invoices?month=2026-13", staff, 400);
        var parent = await NewFamily("Petit");
        await Post("/api/staff/invoicing", new { month = "2026-08" }, parent.Token, 403);
    }

    [Fact]
    public async Task A_family_owing_nothing_gets_no_invoice()
    {
        await CreateActivity();
        var child = await EnrolledChild("Durand");
        await Reserve(child.InscriptionId, child.Family.Token, ("2026-10-05", "book"));
        await Reserve(child.InscriptionId, child.Family.Token, ("2026-10-05", "cancel"));
        SetNow(AfterOctober);
        (await Invoice("2026-10", await StaffToken())).ShouldBeEmpty();
    }

    [Fact]
    public async Task Two_runs_racing_issue_each_family_once_with_numbers_that_have_no_gap()
    {
        await CreateActivity();
        var children = new List<Enrolled>();
        foreach (var name in new[] { "Arnaud", "Blanc", "Chevalier", "Dumas", "Étienne", "Fabre" })
        {
            var child = await EnrolledChild(name);
            await Reserve(child.InscriptionId, child.Family.Token, ("2026-10-05", "book"), ("2026-10-06", "book"));
            children.Add(child);
        }
        SetNow(AfterOctober);
        var staff = await StaffToken();
        var runs = await Task.WhenAll(Invoice("2026-10", staff), Invoice("2026-10", staff));
        var all = runs.SelectMany(r => r).ToList();
        all.Select(i => Id(i, "familyId")).Order().ShouldBe(children.Select(c => c.Family.FamilyId).Order());
        all.Select(i => i!["number"]!.GetValue<string>()).Order().ShouldBe(Enumerable.Range(1, 6).Select(n => $"2026-{n:D6}"));
    }

    [Fact]
    public async Task The_invoice_pdf_reads_back_with_its_number_total_and_family_and_is_no_one_elses()
    {
        var child = await OctoberOfDurand();
        var issued = await Invoice("2026-10", await StaffToken());
        var invoiceId = Id(issued[0], "invoiceId");
        var token = await Relogin(child.Family);
        var text = await PdfText($"/api/invoices/{invoiceId}/pdf", token);
        text.ShouldContain("2026-000001");
        text.ShouldContain("10,00 €");
        text.ShouldContain("Durand");
        text.ShouldContain("octobre 2026");

        var other = await NewFamily("Petit");
        await Get($"/api/invoices/{invoiceId}/pdf", other.Token, 404);
        await Get($"/api/invoices/{Guid.NewGuid()}/pdf", other.Token, 404);
        await Get($"/api/invoices/{invoiceId}/pdf", await StaffToken(), 403);
        (await PdfText($"/api/staff/invoices/{invoiceId}/pdf", await StaffToken())).ShouldContain("2026-000001");
    }
}
