using PortailFamille.Domain.Bookings;
using NodaTime;
using PortailFamille.Api.Tests.Support;

namespace PortailFamille.Api.Tests.Bookings;

/// <summary>Staff accept a day's manual requests at once: first asked, first seated; the rest waitlisted.</summary>
public class DayDecisionTests(AppFixture app) : ApiTest(app)
{
    private async Task ManualWednesday(int primaire) =>
        await Post("/api/staff/activities", WithWeekdays(ActivityBody("MERCREDI", "manual", primaire: primaire), "wednesday"), await StaffToken(), 201);

    [Fact]
    public async Task A_days_requests_are_accepted_in_the_order_they_were_made()
    {
        await ManualWednesday(primaire: 1);
        var late = await EnrolledChild("Petit", "MERCREDI");
        var early = await EnrolledChild("Durand", "MERCREDI");
        await Reserve(early.InscriptionId, early.Family.Token, ("2026-10-07", "book"), ("2026-10-14", "book"));
        Advance(Duration.FromMinutes(5));
        await Reserve(late.InscriptionId, late.Family.Token, ("2026-10-07", "book"));
        var staff = await StaffToken();

        var results = (await Post("/api/staff/reservations/decisions/day", new { date = "2026-10-07", activityCode = "MERCREDI" }, staff, 200))!["results"]!.AsArray();
        results.Select(r => (r!["inscriptionId"]!.GetValue<string>(), r["outcome"]!.GetValue<string>(), r["action"]!.GetValue<string>())).ShouldBe([
            (early.InscriptionId.ToString(), "booked", "book"), (late.InscriptionId.ToString(), "waitlisted", "book")]);
        results[0]!["childName"]!.GetValue<string>().ShouldBe("Léo Durand");
        (await StateOn(early.InscriptionId, early.Family.Token, "2026-10-07")).ShouldBe(CellState.Booked);
        (await StateOn(early.InscriptionId, early.Family.Token, "2026-10-14")).ShouldBe(CellState.Requested); // another day: untouched
        (await StateOn(late.InscriptionId, late.Family.Token, "2026-10-07")).ShouldBe(CellState.Waitlisted);
        (await MailTo(late.Family.Email, "Décision")).TextBody!.ShouldContain("liste d'attente");

        (await Post("/api/staff/reservations/decisions/day", new { date = "2026-10-07", activityCode = "MERCREDI" }, staff, 200))!["results"]!.AsArray()
            .ShouldBeEmpty();
        var pending = (await Get("/api/staff/pending", staff))!["reservations"]!.AsArray().ShouldHaveSingleItem()!;
        (pending["date"]!.GetValue<string>(), pending["activityCode"]!.GetValue<string>()).ShouldBe(("2026-10-14", "MERCREDI"));
    }

    [Fact]
    public async Task Refusals_unknown_activities_and_units_and_other_roles()
    {
        await ManualWednesday(primaire: 5);
        var child = await EnrolledChild("Durand", "MERCREDI");
        await Reserve(child.InscriptionId, child.Family.Token, ("2026-10-07", "book"));
        var staff = await StaffToken();
        await Post("/api/staff/reservations/decisions/day", new { date = "2026-10-07", activityCode = "PISCINE" }, staff, 404);
        await Post("/api/staff/reservations/decisions/day", new { date = "2026-10-07", activityCode = "MERCREDI", unit = "GOUTER" }, staff, 400);
        await Post("/api/staff/reservations/decisions/day", new { date = "2026-10-32", activityCode = "MERCREDI" }, staff, 400);
        await Post("/api/staff/reservations/decisions/day", new { date = "2026-10-07", activityCode = "MERCREDI" }, child.Family.Token, 403);
        await Post("/api/staff/reservations/decisions/day", new { date = "2026-10-07", activityCode = "MERCREDI" }, null, 401);
        (await StateOn(child.InscriptionId, child.Family.Token, "2026-10-07")).ShouldBe(CellState.Requested);
    }

    [Fact]
    public async Task Pending_requests_name_their_family_and_child()
    {
        await CreateActivity();
        var child = await EnrolledChild();
        await Post("/api/requests", new { type = "child-change", childId = child.ChildId, changes = new Dictionary<string, string> { ["firstName"] = "Léon" } },
            child.Family.Token, 201);
        var request = (await Get("/api/staff/pending", await StaffToken()))!["requests"]!.AsArray().ShouldHaveSingleItem()!;
        (request["familyName"]!.GetValue<string>(), request["childName"]!.GetValue<string>()).ShouldBe(("Durand Claire", "Léo Durand"));
    }
}
