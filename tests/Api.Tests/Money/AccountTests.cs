using System.Text.Json;
using System.Text.Json.Nodes;
using Marten;
using Marten.Events;
using NodaTime;
using PortailFamille.Api.Tests.Support;
using PortailFamille.Domain.Money;
using PortailFamille.Projections.Money;

namespace PortailFamille.Api.Tests.Money;

public class AccountTests(AppFixture app) : MoneyTest(app)
{
    private sealed record Household(TestFamily Family, Guid Leo, Guid Zoe, Guid LeoCanteen, Guid LeoGarderie, Guid ZoeCanteen, Guid ZoeGarderie);

    /// <summary>Durand (QF 650): Léo, born 2019, and Zoé, born 2022, each at the canteen (a meal, 2.50 €) and the
    /// garderie (care, 3.00 €) in October; Léo also eats on 2 November, the day October is invoiced.</summary>
    private async Task<(Household Home, Guid InvoiceId)> OctoberInvoiced()
    {
        await CreateActivity();
        await CreateGarderie();
        var family = await NewFamily("Durand");
        var leo = await AddChild(family.FamilyId, "Léo", "2019-03-14", "M");
        var zoe = await AddChild(family.FamilyId, "Zoé", "2022-05-10", "F");
        var home = new Household(family, leo, zoe, await Enrol(leo), await Enrol(leo, "GARDERIE"), await Enrol(zoe), await Enrol(zoe, "GARDERIE"));
        await Book(home.LeoCanteen, family.Token, "REPAS", "2026-10-05", "2026-10-06", "2026-11-02", "2026-11-05");
        await Book(home.LeoGarderie, family.Token, "SOIR", "2026-10-05");
        await Book(home.ZoeCanteen, family.Token, "REPAS", "2026-10-05");
        await Book(home.ZoeGarderie, family.Token, "SOIR", "2026-10-05", "2026-10-06", "2026-10-08");
        SetNow(AfterOctober);
        var issued = (await Invoice("2026-10", await StaffToken())).ShouldHaveSingleItem();
        Cents(issued, "amountCents").ShouldBe(1950);
        return (home with { Family = family with { Token = await Relogin(family) } }, Id(issued, "invoiceId"));
    }

    [Fact]
    public async Task Balances_per_invoice_inscription_and_family_agree_after_a_credit_note_and_a_payment()
    {
        var (home, invoiceId) = await OctoberInvoiced();
        var staff = await StaffToken();
        var credit = await Post($"/api/staff/invoices/{invoiceId}/credit-notes", new { amountCents = 300, reason = "Repas du 5 octobre non servi" }, staff, 201);
        credit!["number"]!.GetValue<string>().ShouldBe("2026-000002"); // the invoices' own sequence
        await Post($"/api/staff/invoices/{invoiceId}/payments", new { amountCents = 1000, method = "cheque" }, staff, 201);

        var invoice = (await Get("/api/account/invoices", home.Family.Token))!.AsArray().ShouldHaveSingleItem();
        (Cents(invoice, "amountCents"), Cents(invoice, "creditedCents"), Cents(invoice, "paidCents"), Cents(invoice, "balanceCents"))
            .ShouldBe((1950, 300, 1000, 650));
        invoice!["status"]!.GetValue<string>().ShouldBe("partially-paid");

        // Credit and payment settle the oldest lines first: Léo's canteen, his garderie, Zoé's canteen, then Zoé's garderie.
        var lines = (await Get("/api/account/inscriptions", home.Family.Token))!.AsArray().ToDictionary(i => Id(i, "inscriptionId"));
        Row(lines[home.LeoCanteen]).ShouldBe((450, 200, 250)); // 5.00 − 3.00 credited + 2.50 on 2 November not yet invoiced
        Row(lines[home.LeoGarderie]).ShouldBe((300, 300, 0));
        Row(lines[home.ZoeCanteen]).ShouldBe((250, 250, 0));
        Row(lines[home.ZoeGarderie]).ShouldBe((900, 250, 650));

        var account = (await Get("/api/account", home.Family.Token))!;
        Cents(account, "invoicesBalanceCents").ShouldBe(650);
        Cents(account, "familyBalanceCents").ShouldBe(lines.Values.Sum(l => Cents(l, "balanceCents")));
        Cents(account, "familyBalanceCents").ShouldBe(650 + 250);
        (account["quotientFamilial"]!.GetValue<int>(), account["paymentAllowed"]!.GetValue<bool>()).ShouldBe((650, true));
        account["manager"]!["name"]!.GetValue<string>().ShouldContain("Régie");

        await Post($"/api/staff/invoices/{invoiceId}/payments", new { amountCents = 650, method = "especes" }, staff, 201);
        (await Get("/api/account/invoices", home.Family.Token))![0]!["status"]!.GetValue<string>().ShouldBe("paid");
        Cents(await Get("/api/account", home.Family.Token), "familyBalanceCents").ShouldBe(250);
    }

    private static (int Due, int Paid, int Balance) Row(JsonNode? line) => (Cents(line, "dueCents"), Cents(line, "paidCents"), Cents(line, "balanceCents"));

    [Fact]
    public async Task Credit_notes_and_counter_payments_refuse_bad_amounts_and_unknown_invoices_and_write_nothing()
    {
        var (home, invoiceId) = await OctoberInvoiced();
        var staff = await StaffToken();
        await Post($"/api/staff/invoices/{invoiceId}/credit-notes", new { amountCents = 1951, reason = "Trop" }, staff, 422);
        await Post($"/api/staff/invoices/{invoiceId}/credit-notes", new { amountCents = 0, reason = "Rien" }, staff, 400);
        await Post($"/api/staff/invoices/{invoiceId}/credit-notes", new { amountCents = 100, reason = " " }, staff, 400);
        await Post($"/api/staff/invoices/{invoiceId}/credit-notes", new { amountCents = 100 }, staff, 400);
        await Post($"/api/staff/invoices/{Guid.NewGuid()}/credit-notes", new { amountCents = 100, reason = "Inconnue" }, staff, 404);
        await Post($"/api/staff/invoices/{invoiceId}/payments", new { amountCents = 1951, method = "cheque" }, staff, 422);
        await Post($"/api/staff/invoices/{invoiceId}/payments", new { amountCents = 100, method = "bitcoin" }, staff, 400);
        await Post($"/api/staff/invoices/{invoiceId}/payments", new { amountCents = 100, method = "cheque", paidOn = "2026-12-01" }, staff, 400);
        await Post($"/api/staff/invoices/{invoiceId}/payments", new { amountCents = -5, method = "cheque" }, staff, 400);
        await Post($"/api/staff/invoices/{invoiceId}/payments", new { amountCents = 100, method = "cheque" }, home.Family.Token, 403);

        await using var session = Host.DocumentStore().QuerySession(AppFixture.TenantId);
        (await session.Events.FetchStreamAsync(invoiceId)).Count.ShouldBe(1);
        // The refused credit note took no number: the next one is 000002.
        (await Post($"/api/staff/invoices/{invoiceId}/credit-notes", new { amountCents = 100, reason = "Geste" }, staff, 201))!["number"]!
            .GetValue<string>().ShouldBe("2026-000002");
    }

    [Fact]
    public async Task The_attestation_fiscale_counts_care_paid_in_the_year_for_children_under_six_and_leaves_meals_out()
    {
        var (home, invoiceId) = await OctoberInvoiced();
        await Post($"/api/staff/invoices/{invoiceId}/payments", new { amountCents = 1950, method = "cheque" }, await StaffToken(), 201);

        var text = await PdfText("/api/attestations/fiscale/2026/pdf", home.Family.Token);
        text.ShouldContain("Zoé Durand");
        text.ShouldContain("9,00 €"); // Zoé's three evenings of garderie; her 2.50 € meal is not childcare
        text.ShouldNotContain("Léo"); // seven on 1 January 2026
        text.ShouldNotContain("11,50 €");
        (await PdfText("/api/attestations/fiscale/2025/pdf", home.Family.Token)).ShouldContain("0,00 €"); // paid in 2026, not 2025
        await Get("/api/attestations/fiscale/2027/pdf", home.Family.Token, 400);

        // Asked as a request (demande), the accepted attestation comes by e-mail.
        var requestId = Id(await Post("/api/requests", new { type = "attestation-fiscale", year = 2026 }, home.Family.Token, 201), "requestId");
        await Post($"/api/staff/requests/{requestId}/decision", new { decision = "accept" }, await StaffToken(), 204);
        var mail = await MailTo(home.Family.Email, "attestation fiscale");
        var part = mail.Attachments.OfType<MimeKit.MimePart>().Single();
        using var content = new MemoryStream();
        await part.Content!.DecodeToAsync(content);
        using var pdf = UglyToad.PdfPig.PdfDocument.Open(content.ToArray());
        string.Join("\n", pdf.GetPages().Select(p => p.Text)).ShouldContain("9,00 €");
    }

    [Fact]
    public async Task Another_familys_invoice_and_inscription_attestation_are_not_found()
    {
        var (home, invoiceId) = await OctoberInvoiced();
        var other = await NewFamily("Petit");
        await Get($"/api/invoices/{invoiceId}/pdf", other.Token, 404);
        await Get($"/api/attestations/inscription/{home.LeoCanteen}/pdf", other.Token, 404);
        (await Get("/api/account/invoices", other.Token))!.AsArray().ShouldBeEmpty();
        Cents(await Get("/api/account", other.Token), "invoicesBalanceCents").ShouldBe(0);
        (await PdfText($"/api/attestations/inscription/{home.LeoCanteen}/pdf", home.Family.Token)).ShouldContain("Léo Durand");
    }

    [Fact]
    public async Task Money_read_models_rebuilt_from_the_events_equal_the_live_ones()
    {
        var (_, invoiceId) = await OctoberInvoiced();
        var staff = await StaffToken();
        await Post($"/api/staff/invoices/{invoiceId}/credit-notes", new { amountCents = 250, reason = "Avoir" }, staff, 201);
        await Post($"/api/staff/invoices/{invoiceId}/payments", new { amountCents = 700, method = "cesu" }, staff, 201);
        var invoices = await Snapshot<Invoice>(i => i.Id.ToString());
        var inscriptions = await Snapshot<InscriptionAccount>(a => a.Id.ToString());
        var families = await Snapshot<FamilyAccount>(a => a.Id.ToString());
        inscriptions.ShouldContain("\"PaidCents\":250"); // the scenario did settle lines: 2.50 € of the 7.00 € on Léo's canteen

        using var daemon = await Host.DocumentStore().BuildProjectionDaemonAsync();
        await daemon.RebuildProjectionAsync<Invoice>(CancellationToken.None);
        await daemon.RebuildProjectionAsync<InscriptionAccountProjection>(CancellationToken.None);
        await daemon.RebuildProjectionAsync<FamilyAccountProjection>(CancellationToken.None);

        (await Snapshot<Invoice>(i => i.Id.ToString())).ShouldBe(invoices);
        (await Snapshot<InscriptionAccount>(a => a.Id.ToString())).ShouldBe(inscriptions);
        (await Snapshot<FamilyAccount>(a => a.Id.ToString())).ShouldBe(families);
    }

    private async Task<string> Snapshot<T>(Func<T, string> order) where T : notnull
    {
        await using var session = Host.DocumentStore().QuerySession(AppFixture.TenantId);
        return JsonSerializer.Serialize((await session.Query<T>().ToListAsync()).OrderBy(order, StringComparer.Ordinal));
    }
}
