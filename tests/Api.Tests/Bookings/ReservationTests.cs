using PortailFamille.Domain.Bookings;
using Marten;
using NodaTime;
using PortailFamille.Api.Tests.Support;

namespace PortailFamille.Api.Tests.Bookings;

public class ReservationTests(AppFixture app) : ApiTest(app)
{
    [Fact]
    public async Task The_guide_story_booked_cancelled_in_time_refused_late_and_closed_on_holidays()
    {
        await CreateActivity();
        var child = await EnrolledChild();
        var token = child.Family.Token;

        var booked = await Reserve(child.InscriptionId, token, ("2026-10-05", "book"), ("2026-10-06", "book"), ("2026-10-08", "book"));
        booked.Select(r => r.Outcome).ShouldBe([Outcome.Booked, Outcome.Booked, Outcome.Booked]);
        booked.Select(r => r.State).ShouldBe([CellState.Booked, CellState.Booked, CellState.Booked]);
        (await StateOn(child.InscriptionId, token, "2026-10-05")).ShouldBe(CellState.Booked);

        var cancelled = (await Reserve(child.InscriptionId, token, ("2026-10-06", "cancel")))[0]!;
        cancelled.Outcome.ShouldBe(Outcome.Cancelled);
        cancelled.State.ShouldBe(CellState.Free);

        // Tuesday 6 Oct 10:00 Paris has passed: Thursday 8 Oct can no longer be cancelled.
        SetNow(Instant.FromUtc(2026, 10, 6, 8, 0));
        token = await Login(child.Family.Email, ParentPassword);
        var late = (await Reserve(child.InscriptionId, token, ("2026-10-08", "cancel")))[0]!;
        late.Outcome.ShouldBe(Outcome.Refused);
        late.Reason.ShouldBe(RefusalReason.Deadline);
        late.State.ShouldBe(CellState.Late);
        (await StateOn(child.InscriptionId, token, "2026-10-08")).ShouldBe(CellState.Late);
        (await StateOn(child.InscriptionId, token, "2026-10-05")).ShouldBe(CellState.Locked);

        var holiday = (await Reserve(child.InscriptionId, token, ("2026-10-19", "book")))[0]!;
        holiday.Reason.ShouldBe(RefusalReason.Closed);
        holiday.State.ShouldBe(CellState.Closed);
    }

    [Fact]
    public async Task The_planning_grid_shows_closed_days_with_their_reason_and_what_can_be_changed()
    {
        await CreateActivity();
        var child = await EnrolledChild();
        var planning = await Planning(child.InscriptionId, child.Family.Token, "2026-10");
        planning.Month.ShouldBe(new YearMonth(2026, 10));
        planning.Units.ShouldBe(["REPAS"]);
        planning.Days.Count.ShouldBe(31);
        Day(planning, 5).Closed.ShouldBeFalse();
        Day(planning, 5).Cells["REPAS"].Editable.ShouldBeTrue();
        Day(planning, 7).Reason.ShouldBe(DayClosedReason.NotOpen);      // Wednesday
        Day(planning, 10).Reason.ShouldBe(DayClosedReason.NotOpen);     // Saturday
        Day(planning, 19).Reason.ShouldBe(DayClosedReason.SchoolHoliday);
        Day(planning, 19).Cells["REPAS"].State.ShouldBe(CellState.Closed);
        var may = await Planning(child.InscriptionId, child.Family.Token, "2027-05");
        Day(may, 6).Reason.ShouldBe(DayClosedReason.PublicHoliday);      // Ascension, a Thursday
        Day(may, 6).Label.ShouldBe("Jeudi de l'Ascension");
        Day(may, 7).Reason.ShouldBe(DayClosedReason.SchoolHoliday);      // the "pont"
        var august = await Planning(child.InscriptionId, child.Family.Token, "2026-08");
        august.Days.ShouldAllBe(d => d.Reason == DayClosedReason.NotInPeriod);
    }

    [Fact]
    public async Task Refusal_reasons_follow_the_contract_order()
    {
        await CreateActivity();
        var child = await EnrolledChild();
        var results = (await Post<PortailFamille.Api.Bookings.ReservationResults>($"/api/inscriptions/{child.InscriptionId}/reservations", new
        {
            changes = new object[]
            {
                new { date = "2026-10-05", unit = "GOUTER", action = "book" },
                new { date = "2027-08-02", unit = "REPAS", action = "book" },
                new { date = "2026-10-07", unit = "REPAS", action = "book" },
                new { date = "2026-09-15", unit = "REPAS", action = "book" },
                new { date = "2026-10-05", unit = "REPAS", action = "cancel" },
                new { date = "2026-10-06", unit = "REPAS", action = "withdraw" },
                new { date = "2026-10-08", unit = "REPAS", action = "book" },
            },
        }, child.Family.Token, 200)).Results;
        results.Select(r => r.Reason).ShouldBe([RefusalReason.UnknownUnit, RefusalReason.NotInPeriod, RefusalReason.Closed, RefusalReason.Deadline, RefusalReason.NotBooked, RefusalReason.NotPending, null]);
        (await Reserve(child.InscriptionId, child.Family.Token, ("2026-10-08", "book")))[0].Reason.ShouldBe(RefusalReason.AlreadyBooked);
    }

    [Fact]
    public async Task Malformed_changes_are_400_and_nothing_is_decided()
    {
        await CreateActivity();
        var child = await EnrolledChild();
        var url = $"/api/inscriptions/{child.InscriptionId}/reservations";
        var token = child.Family.Token;
        await Post(url, new { changes = Array.Empty<object>() }, token, 400);
        await Post(url, Changes(("2026-10-05", "book"), ("2026-10-05", "cancel")), token, 400);
        await Post(url, Changes(("2026-10-05", "reserve")), token, 400);
        await Post(url, Changes(("2026-10-32", "book")), token, 400);
        await Post(url, new { changes = new[] { new { date = "2026-10-05", action = "book" } } }, token, 400);
        await Post(url, new { changes = new[] { new { date = "2026-10-05", unit = "REPAS", action = "book", extra = 1 } } }, token, 400);
        await Post(url, new { }, token, 400);
        (await StateOn(child.InscriptionId, token, "2026-10-05")).ShouldBe(CellState.Free);
    }

    [Fact]
    public async Task Another_family_gets_404_and_staff_books_for_any_family()
    {
        await CreateActivity();
        var durand = await EnrolledChild("Durand");
        var petit = await NewFamily("Petit");
        await Post($"/api/inscriptions/{durand.InscriptionId}/reservations", Changes(("2026-10-05", "book")), petit.Token, 404);
        await Get($"/api/inscriptions/{durand.InscriptionId}/planning?month=2026-10", petit.Token, 404);
        await Get($"/api/inscriptions/{durand.InscriptionId}/waitlist", petit.Token, 404);
        await Post($"/api/inscriptions/{Guid.NewGuid()}/reservations", Changes(("2026-10-05", "book")), durand.Family.Token, 404);
        await Post($"/api/inscriptions/{durand.InscriptionId}/reservations", Changes(("2026-10-05", "book")), null, 401);

        var staff = await StaffToken();
        (await Reserve(durand.InscriptionId, staff, ("2026-10-05", "book")))[0].Outcome.ShouldBe(Outcome.Booked);
        (await StateOn(durand.InscriptionId, durand.Family.Token, "2026-10-05")).ShouldBe(CellState.Booked);
        (await StateOn(durand.InscriptionId, staff, "2026-10-05")).ShouldBe(CellState.Booked);
        await using var session = Host.DocumentStore().QuerySession(AppFixture.TenantId);
        var booked = (await session.Events.FetchStreamAsync(durand.InscriptionId)).Select(e => e.Data).OfType<Domain.Bookings.DayBooked>().Single();
        booked.By.Kind.ShouldBe(Domain.Common.ActorKind.Staff); // the audit shows who acted
    }

    [Fact]
    public async Task A_bad_month_is_400()
    {
        await CreateActivity();
        var child = await EnrolledChild();
        await Get($"/api/inscriptions/{child.InscriptionId}/planning?month=2026-13", child.Family.Token, 400);
        await Get($"/api/inscriptions/{child.InscriptionId}/planning", child.Family.Token, 400);
    }

    private static Projections.Planning.PlanningDay Day(Projections.Planning.PlanningMonth month, int day) =>
        month.Days.Single(d => d.Date.Day == day);
}
