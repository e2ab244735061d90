using Marten;
using NodaTime;
using PortailFamille.Api.Requests;
using PortailFamille.Api.Tests.Support;
using PortailFamille.Domain.Requests;
using PortailFamille.Projections.Dashboard;

namespace PortailFamille.Api.Tests.Requests;

public class DashboardTests(AppFixture app) : ApiTest(app)
{
    private Task<List<DashboardLine>> Dashboard(string token) => Get<List<DashboardLine>>("/api/dashboard", token);

    private static List<(string Category, string Subject, RequestStatus Status)> Lines(List<DashboardLine> lines) =>
        lines.Select(l => (l.Category, l.Subject, l.Status)).ToList();

    [Fact]
    public async Task The_dashboard_shows_each_step_newest_first_and_only_to_its_family()
    {
        await Post("/api/staff/activities", WithManualWednesday(), await StaffToken(), 201);
        var child = await EnrolledChild("Durand", "MERCREDI");
        var other = await NewFamily("Petit");
        var staff = await StaffToken();
        Advance(Duration.FromMinutes(1));

        var request = Id(await Post("/api/requests", new { type = "attestation-fiscale", year = 2026 }, child.Family.Token, 201), "requestId");
        Advance(Duration.FromMinutes(1));
        await Reserve(child.InscriptionId, child.Family.Token, ("2026-10-07", "book"));
        Advance(Duration.FromMinutes(1));
        await Put($"/api/staff/families/{child.Family.FamilyId}/quotient-familial", new { quotientFamilial = 420, effectiveFrom = "2026-10-01" }, staff);
        Advance(Duration.FromMinutes(1));
        var token = await Login(child.Family.Email, ParentPassword);

        Lines(await Dashboard(token)).ShouldBe(
        [
            ("famille", "Quotient familial mis à jour (420)", RequestStatus.Accepted),
            ("inscription", "Réservation du mercredi 7 octobre 2026 (MERCREDI, REPAS)", RequestStatus.Pending),
            ("demande", "Attestation fiscale 2026", RequestStatus.Pending),
            ("individu", "Léo ajouté(e) par la mairie", RequestStatus.Accepted),
        ]);

        await Post("/api/staff/reservations/decisions", new { inscriptionId = child.InscriptionId, date = "2026-10-07", unit = "REPAS", decision = "accept" }, staff, 200);
        await Post($"/api/staff/requests/{request}/decision", new { decision = "refuse" }, staff, 204);
        var after = await Dashboard(token);
        after.Select(l => l.Status).ShouldBe([RequestStatus.Accepted, RequestStatus.Accepted, RequestStatus.Refused, RequestStatus.Accepted]);
        after[2].RequestId.ShouldBe(request);
        after[2].Type.ShouldBe(RequestType.AttestationFiscale);

        (await Dashboard(other.Token)).ShouldBeEmpty();
        await Get("/api/dashboard", staff, 403);
        await Get("/api/dashboard", null, 401);
    }

    [Fact]
    public async Task A_request_about_a_child_names_the_child_on_its_line()
    {
        await CreateActivity();
        var child = await EnrolledChild();
        await Post("/api/requests", new { type = "new-inscription", childId = child.ChildId, activityCode = "CANTINE", group = "MATERNELLE" }, child.Family.Token, 201);
        await Post("/api/requests", new { type = "attestation-fiscale", year = 2026 }, child.Family.Token, 201);
        var lines = await Dashboard(child.Family.Token);
        lines.Single(l => l.Type == RequestType.NewInscription).ChildId.ShouldBe(child.ChildId);
        lines.Single(l => l.Type == RequestType.AttestationFiscale).ChildId.ShouldBeNull();
    }

    [Fact]
    public async Task A_withdrawn_request_shows_withdrawn_and_the_dashboard_rebuilds_identically()
    {
        var family = await NewFamily();
        var request = Id(await Post("/api/requests", new { type = "attestation-fiscale", year = 2026 }, family.Token, 201), "requestId");
        await Delete($"/api/requests/{request}", family.Token);
        await Post("/api/requests", new { type = "family-change", changes = new Dictionary<string, string> { ["address.city"] = "Pézenas" } }, family.Token, 201);
        // A parent's own phone change is done at once: its line says so.
        Advance(Duration.FromMinutes(1));
        await Put("/api/family/phones", new { mobile1 = "06 11 22 33 44" }, family.Token);
        var lines = Lines(await Dashboard(family.Token));
        lines.Select(l => l.Status).ShouldBe([RequestStatus.Pending, RequestStatus.Withdrawn, RequestStatus.Accepted], ignoreOrder: true);
        lines[0].ShouldBe(("famille", "Téléphones modifiés", RequestStatus.Accepted));

        await using var before = Host.DocumentStore().QuerySession(AppFixture.TenantId);
        var live = System.Text.Json.JsonSerializer.Serialize((await before.Query<DashboardEntry>().ToListAsync()).OrderBy(e => e.Id));
        using var daemon = await Host.DocumentStore().BuildProjectionDaemonAsync();
        await daemon.RebuildProjectionAsync<DashboardProjection>(CancellationToken.None);
        await using var afterSession = Host.DocumentStore().QuerySession(AppFixture.TenantId);
        System.Text.Json.JsonSerializer.Serialize((await afterSession.Query<DashboardEntry>().ToListAsync()).OrderBy(e => e.Id)).ShouldBe(live);
    }

    private static Dictionary<string, object?> WithManualWednesday()
    {
        var body = ApiTest.ActivityBodyFor("MERCREDI");
        var dict = body.GetType().GetProperties().ToDictionary(p => p.Name, p => p.GetValue(body));
        dict["weekdays"] = new[] { "wednesday" };
        dict["validation"] = "manual";
        return dict;
    }
}
