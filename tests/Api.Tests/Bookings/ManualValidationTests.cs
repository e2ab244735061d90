using PortailFamille.Api.Bookings;
using PortailFamille.Domain.Bookings;
using NodaTime;
using PortailFamille.Api.Tests.Support;

namespace PortailFamille.Api.Tests.Bookings;

public class ManualValidationTests(AppFixture app) : ApiTest(app)
{
    private static (string, string)[] Wednesday => [("2026-10-07", "book")];

    [Fact]
    public async Task A_request_waits_for_staff_who_accept_it()
    {
        await Post("/api/staff/activities", WithWeekdays(ActivityBody("MERCREDI", "manual"), "wednesday"), await StaffToken(), 201);
        var child = await EnrolledChild(activityCode: "MERCREDI");
        var requested = (await Reserve(child.InscriptionId, child.Family.Token, Wednesday))[0]!;
        requested.Outcome.ShouldBe(Outcome.Requested);
        requested.State.ShouldBe(CellState.Requested);
        await MailTo(child.Family.Email, "Demande reçue");

        var staff = await StaffToken();
        var pending = (await Get("/api/staff/pending", staff))!;
        var item = pending["reservations"]!.AsArray().Single()!;
        item["inscriptionId"]!.GetValue<string>().ShouldBe(child.InscriptionId.ToString());
        item["familyId"]!.GetValue<string>().ShouldBe(child.Family.FamilyId.ToString());
        item["childName"]!.GetValue<string>().ShouldBe("Léo Durand");
        item["action"]!.GetValue<string>().ShouldBe("book");
        item["requestedAt"]!.GetValue<string>().ShouldBe("2026-09-14T08:00:00Z");
        pending["requests"]!.AsArray().Count.ShouldBe(0);

        var decided = await Post<ReservationDecided>("/api/staff/reservations/decisions",
            new { inscriptionId = child.InscriptionId, date = "2026-10-07", unit = "REPAS", decision = "accept" }, staff, 200);
        decided.Outcome.ShouldBe(Outcome.Booked);
        decided.State.ShouldBe(CellState.Booked);
        (await StateOn(child.InscriptionId, child.Family.Token, "2026-10-07")).ShouldBe(CellState.Booked);
        (await Get("/api/staff/pending", staff))!["reservations"]!.AsArray().Count.ShouldBe(0);
        (await MailTo(child.Family.Email, "Décision")).TextBody!.ShouldContain("réservation acceptée");

        await Post("/api/staff/reservations/decisions",
            new { inscriptionId = child.InscriptionId, date = "2026-10-07", unit = "REPAS", decision = "accept" }, staff, 409);
    }

    [Fact]
    public async Task Acceptance_on_a_full_day_waitlists_and_a_refusal_frees_the_cell()
    {
        await Post("/api/staff/activities", WithWeekdays(ActivityBody("MERCREDI", "manual", primaire: 1), "wednesday"), await StaffToken(), 201);
        var first = await EnrolledChild("Durand", "MERCREDI");
        var second = await EnrolledChild("Petit", "MERCREDI");
        var third = await EnrolledChild("Moreau", "MERCREDI");
        foreach (var child in new[] { first, second, third }) await Reserve(child.InscriptionId, child.Family.Token, Wednesday);
        var staff = await StaffToken();
        object Decision(Enrolled c, string d) => new { inscriptionId = c.InscriptionId, date = "2026-10-07", unit = "REPAS", decision = d, reason = "Groupe complet" };
        (await Post<ReservationDecided>("/api/staff/reservations/decisions", Decision(first, "accept"), staff, 200)).Outcome.ShouldBe(Outcome.Booked);
        (await Post<ReservationDecided>("/api/staff/reservations/decisions", Decision(second, "accept"), staff, 200)).Outcome.ShouldBe(Outcome.Waitlisted);
        var refused = await Post<ReservationDecided>("/api/staff/reservations/decisions", Decision(third, "refuse"), staff, 200);
        refused.Outcome.ShouldBe(Outcome.Refused);
        refused.State.ShouldBe(CellState.Free);
        (await MailTo(third.Family.Email, "Décision")).TextBody!.ShouldContain("Groupe complet");
    }

    [Fact]
    public async Task A_cancellation_request_keeps_the_seat_until_staff_accept_it()
    {
        await Post("/api/staff/activities", WithWeekdays(ActivityBody("MERCREDI", "manual", primaire: 1), "wednesday"), await StaffToken(), 201);
        var first = await EnrolledChild("Durand", "MERCREDI");
        var second = await EnrolledChild("Petit", "MERCREDI");
        var staff = await StaffToken();
        await Reserve(first.InscriptionId, first.Family.Token, Wednesday);
        await Post("/api/staff/reservations/decisions", new { inscriptionId = first.InscriptionId, date = "2026-10-07", unit = "REPAS", decision = "accept" }, staff, 200);
        await Reserve(second.InscriptionId, second.Family.Token, Wednesday);
        await Post("/api/staff/reservations/decisions", new { inscriptionId = second.InscriptionId, date = "2026-10-07", unit = "REPAS", decision = "accept" }, staff, 200);

        var asked = (await Reserve(first.InscriptionId, first.Family.Token, ("2026-10-07", "cancel")))[0]!;
        asked.Outcome.ShouldBe(Outcome.CancellationRequested);
        asked.State.ShouldBe(CellState.CancellationRequested);
        (await Get("/api/staff/pending", staff))!["reservations"]![0]!["action"]!.GetValue<string>().ShouldBe("cancel");
        (await StateOn(second.InscriptionId, second.Family.Token, "2026-10-07")).ShouldBe(CellState.Waitlisted);

        (await Post("/api/staff/reservations/decisions", new { inscriptionId = first.InscriptionId, date = "2026-10-07", unit = "REPAS", decision = "accept" }, staff, 200))!
            ["outcome"]!.GetValue<string>().ShouldBe("cancelled");
        (await StateOn(second.InscriptionId, second.Family.Token, "2026-10-07")).ShouldBe(CellState.Booked);
    }

    [Fact]
    public async Task An_undecided_request_is_refused_at_its_cut_off()
    {
        await Post("/api/staff/activities", WithWeekdays(ActivityBody("MERCREDI", "manual"), "wednesday"), await StaffToken(), 201);
        var child = await EnrolledChild(activityCode: "MERCREDI");
        await Reserve(child.InscriptionId, child.Family.Token, Wednesday);
        SetNow(Instant.FromUtc(2026, 10, 5, 8, 0)); // Monday 5 Oct 10:00 Paris: 2 working days before Wednesday 7
        var staff = await StaffToken();
        (await StateOn(child.InscriptionId, staff, "2026-10-07")).ShouldBe(CellState.Late);
        (await Get("/api/staff/pending", staff))!["reservations"]!.AsArray().Count.ShouldBe(0);
        await Post("/api/staff/reservations/decisions", new { inscriptionId = child.InscriptionId, date = "2026-10-07", unit = "REPAS", decision = "accept" }, staff, 409);
    }

    [Fact]
    public async Task Bad_decisions_are_refused()
    {
        await Post("/api/staff/activities", WithWeekdays(ActivityBody("MERCREDI", "manual"), "wednesday"), await StaffToken(), 201);
        var child = await EnrolledChild(activityCode: "MERCREDI");
        await Reserve(child.InscriptionId, child.Family.Token, Wednesday);
        var staff = await StaffToken();
        await Post("/api/staff/reservations/decisions", new { inscriptionId = child.InscriptionId, date = "2026-10-07", unit = "REPAS", decision = "maybe" }, staff, 400);
        await Post("/api/staff/reservations/decisions", new { inscriptionId = Guid.NewGuid(), date = "2026-10-07", unit = "REPAS", decision = "accept" }, staff, 404);
        await Post("/api/staff/reservations/decisions", new { inscriptionId = child.InscriptionId, date = "2026-10-08", unit = "REPAS", decision = "accept" }, staff, 409);
        await Post("/api/staff/reservations/decisions", new { inscriptionId = child.InscriptionId, date = "2026-10-07", unit = "REPAS", decision = "accept" }, child.Family.Token, 403);
        await Get("/api/staff/pending", child.Family.Token, 403);
        (await StateOn(child.InscriptionId, staff, "2026-10-07")).ShouldBe(CellState.Requested);
    }
}
