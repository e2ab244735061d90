using Marten;
using Marten.Events;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Npgsql;
using PortailFamille.Api.Infrastructure;
using PortailFamille.Api.Tests.Money;
using PortailFamille.Api.Tests.Support;

namespace PortailFamille.Api.Tests.Operations;

/// <summary>ops/check-projections: every read model rebuilt from the events in a scratch database equals the live one.</summary>
public class ProjectionCheckTests(AppFixture app) : MoneyTest(app)
{
    /// <summary>Bookings with a waitlist and a promotion, attendance, a request, an invoice, a credit note and a payment.</summary>
    private async Task AMonthOfEverything()
    {
        await Post("/api/staff/activities", ActivityBody(primaire: 1), await StaffToken(), 201);
        var first = await EnrolledChild("Durand");
        var second = await EnrolledChild("Petit");
        await Reserve(first.InscriptionId, first.Family.Token, ("2026-10-05", "book"), ("2026-10-06", "book"));
        await Reserve(second.InscriptionId, second.Family.Token, ("2026-10-05", "book"));
        await Reserve(first.InscriptionId, first.Family.Token, ("2026-10-05", "cancel"));
        var requestId = Id(await Post("/api/requests", new { type = "attestation-fiscale", year = 2026 }, first.Family.Token, 201), "requestId");
        // Submitted and decided: in a rebuild both land in one batch (the dashboard once lost such a decision).
        await Post($"/api/staff/requests/{requestId}/decision", new { decision = "accept" }, await StaffToken(), 204);
        SetNow(Instant.FromUtc(2026, 10, 6, 16, 0));
        await MarkAttendance(await StaffToken(), "CANTINE", "REPAS", "2026-10-06", first.InscriptionId, "absent");
        SetNow(AfterOctober);
        var staff = await StaffToken();
        var invoices = await Invoice("2026-10", staff);
        var invoiceId = Id(invoices[0], "invoiceId");
        await Post($"/api/staff/invoices/{invoiceId}/credit-notes", new { amountCents = 100, reason = "Geste" }, staff, 201);
        await Post($"/api/staff/invoices/{invoiceId}/payments", new { amountCents = 100, method = "cheque" }, staff, 201);
        // The mairie corrects the file and sets a diet: dashboard lines of their own.
        await Put($"/api/staff/families/{first.Family.FamilyId}", new
        {
            civility = "Mme", firstName = "Claire", lastName = "Durand", address = new { line1 = "3 place de la Mairie", postalCode = "34120", city = "Lézignan-la-Cèbe" },
            phones = new { mobile1 = "06 12 34 56 78" }, allocataire = new { regime = "CAF" }, dependentChildren = 2,
        }, staff);
        await Put($"/api/staff/families/{first.Family.FamilyId}/children/{first.ChildId}/diet", new { diet = "vegetarien" }, staff);
        await Host.DocumentStore().WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));
    }

    private Task<IReadOnlyList<string>> Check(string scratch) => ProjectionCheck.DifferencesAsync(Host.DocumentStore(), AppFixture.TenantId,
        Host.Services.CommuneDataSource(), scratch, CancellationToken.None);

    [Fact]
    public async Task The_check_passes_on_a_database_built_by_the_scenarios_and_reports_a_row_altered_by_hand()
    {
        await AMonthOfEverything();
        await using var scratch = await ScratchDatabase.CreateAsync(Host.Services.CommuneDataSource());
        await PassesThenReportsAlteredRows(scratch.ConnectionString);
    }

    private async Task PassesThenReportsAlteredRows(string scratch)
    {
        (await Check(scratch)).ShouldBeEmpty();

        await using (var command = Host.Services.CommuneDataSource().CreateCommand(
            "update portail.mt_doc_dayheadcount set data = jsonb_set(data, '{Booked}', '7') where data ->> 'Date' = '2026-10-06'"))
            (await command.ExecuteNonQueryAsync()).ShouldBeGreaterThan(0);
        await using (var command = Host.Services.CommuneDataSource().CreateCommand(
            "delete from portail.mt_doc_dashboardentry where id = (select min(id) from portail.mt_doc_dashboardentry)"))
            (await command.ExecuteNonQueryAsync()).ShouldBe(1);
        var differences = await Check(scratch);
        differences.Count.ShouldBe(2);
        differences.ShouldContain(d => d.StartsWith("DayHeadcount CANTINE|REPAS|PRIMAIRE|2026-10-06: live") && d.Contains("\"Booked\": 7"));
        differences.ShouldContain(d => d.StartsWith("DashboardEntry") && d.EndsWith("missing from the live database"));
    }
}
