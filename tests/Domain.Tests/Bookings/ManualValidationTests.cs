using NodaTime;
using PortailFamille.Domain.Activities;
using PortailFamille.Domain.Bookings;
using PortailFamille.Domain.Common;
using static PortailFamille.Domain.Tests.Bookings.BookingFixture;

namespace PortailFamille.Domain.Tests.Bookings;

public class ManualValidationTests
{
    private static readonly LocalDate Day = new(2026, 10, 12);
    private static readonly Instant Before = Paris(2026, 10, 5, 9, 0);
    private static readonly Instant CutOff = Instant.FromUtc(2026, 10, 8, 8, 0);
    private static readonly Actor Staff = Actor.Staff(Guid.NewGuid());
    private static readonly DayRules Manual = Rules(ValidationModes.Manual, capacity: 1);

    [Fact]
    public void A_booking_waits_for_staff_without_taking_a_seat()
    {
        var seats = Seats(capacity: 1, days: Day);
        var decision = BookingDecider.Decide(Child(), [Book(Day)], Manual, seats, Parent, Before);
        decision.Result[0].ShouldBe(new ChangeOutcome(Day, "REPAS", Outcome.Requested, null, CellState.Requested));
        decision.Events.Single().ShouldBeOfType<BookingRequested>().CutOff.ShouldBe(CutOff);
        seats.Rows.Single().Value.Taken.ShouldBe(0);
    }

    [Fact]
    public void Staff_acceptance_takes_a_seat_or_waitlists_when_full()
    {
        var first = BookingDecider.Decide(Child(), [Book(Day)], Manual, Seats(capacity: 1, days: Day), Parent, Before).Inscription;
        var second = BookingDecider.Decide(Child(), [Book(Day)], Manual, Seats(capacity: 1, days: Day), Parent, Before).Inscription;
        var seats = Seats(capacity: 1, days: Day);

        var accepted = BookingDecider.DecideStaff(first, Day, "REPAS", true, null, Manual, seats, Staff, Before + Duration.FromHours(1))!.Folded(seats);
        accepted.Result.Outcome.ShouldBe(Outcome.Booked);
        accepted.Events.Single().ShouldBeOfType<DayBooked>().By.ShouldBe(Staff);

        var full = BookingDecider.DecideStaff(second, Day, "REPAS", true, null, Manual, seats, Staff, Before + Duration.FromHours(1))!;
        full.Result.ShouldBe(new ChangeOutcome(Day, "REPAS", Outcome.Waitlisted, null, CellState.Waitlisted));
    }

    [Fact]
    public void Staff_refusal_frees_the_cell_and_a_decided_cell_is_not_pending_any_more()
    {
        var requested = BookingDecider.Decide(Child(), [Book(Day)], Manual, Seats(capacity: 1, days: Day), Parent, Before).Inscription;
        var refused = BookingDecider.DecideStaff(requested, Day, "REPAS", false, "Complet ce jour-là", Manual, Seats(capacity: 1, days: Day), Staff, Before)!;
        refused.Events.Single().ShouldBeOfType<RequestRefused>().Reason.ShouldBe("Complet ce jour-là");
        refused.Result.State.ShouldBe(CellState.Free);
        BookingDecider.DecideStaff(refused.Inscription, Day, "REPAS", true, null, Manual, Seats(capacity: 1, days: Day), Staff, Before).ShouldBeNull();
    }

    [Fact]
    public void The_deadline_is_judged_when_the_parent_sent_the_request_and_an_undecided_one_is_refused_at_the_cut_off()
    {
        var requested = BookingDecider.Decide(Child(), [Book(Day)], Manual, Seats(capacity: 1, days: Day), Parent, CutOff - Duration.FromSeconds(1)).Inscription;
        CellView.At(requested, Day, "REPAS", Manual, CutOff - Duration.FromSeconds(1)).State.ShouldBe(CellState.Requested);
        CellView.At(requested, Day, "REPAS", Manual, CutOff).State.ShouldBe(CellState.Late);
        BookingDecider.DecideStaff(requested, Day, "REPAS", true, null, Manual, Seats(capacity: 1, days: Day), Staff, CutOff).ShouldBeNull();
        var expired = BookingDecider.Expire(requested, Manual, CutOff);
        expired.Events.Single().ShouldBeOfType<RequestExpired>().CutOff.ShouldBe(CutOff);
        expired.Inscription.CellAt(Day, "REPAS").ShouldSatisfyAllConditions(c => c.Status.ShouldBe(CellStatus.Free), c => c.Late.ShouldBeTrue());
    }

    [Fact]
    public void A_cancellation_waits_for_staff_and_keeps_the_seat_meanwhile()
    {
        var seats = Seats(capacity: 1, days: Day);
        var requested = BookingDecider.Decide(Child(), [Book(Day)], Manual, seats, Parent, Before).Folded(seats).Inscription;
        var booked = BookingDecider.DecideStaff(requested, Day, "REPAS", true, null, Manual, seats, Staff, Before)!.Folded(seats).Inscription;
        var asked = BookingDecider.Decide(booked, [Cancel(Day)], Manual, seats, Parent, Before).Folded(seats);
        asked.Result[0].ShouldBe(new ChangeOutcome(Day, "REPAS", Outcome.CancellationRequested, null, CellState.CancellationRequested));
        seats.Rows.Single().Value.Taken.ShouldBe(1);

        var withdrawn = BookingDecider.Decide(asked.Inscription, [Withdraw(Day)], Manual, seats, Parent, Before).Folded(seats);
        withdrawn.Result[0].State.ShouldBe(CellState.Booked);

        var again = BookingDecider.Decide(withdrawn.Inscription, [Cancel(Day)], Manual, seats, Parent, Before).Folded(seats).Inscription;
        var cancelled = BookingDecider.DecideStaff(again, Day, "REPAS", true, null, Manual, seats, Staff, Before)!.Folded(seats);
        cancelled.Result.Outcome.ShouldBe(Outcome.Cancelled);
        seats.Rows.Single().Value.Taken.ShouldBe(0);
    }

    [Fact]
    public void A_closure_cancels_seats_free_and_drops_pending_and_queued_days()
    {
        var automatic = Rules(capacity: 1);
        var seats = Seats(capacity: 1, days: [Day, Day.PlusDays(1)]);
        var booked = BookingDecider.Decide(Child(), [Book(Day)], automatic, seats, Parent, Before).Folded(seats).Inscription;
        var queued = BookingDecider.Decide(Child(), [Book(Day)], automatic, seats, Parent, Before).Folded(seats).Inscription;

        var cancelled = BookingDecider.Release(booked, d => d == Day, Cause.Closure, Staff, Before).Folded(seats);
        cancelled.Events.Single().ShouldBeOfType<DayCancelled>().Cause.ShouldBe(Cause.Closure);
        var dropped = BookingDecider.Release(queued, d => d == Day, Cause.Closure, Staff, Before).Folded(seats);
        dropped.Events.Single().ShouldBeOfType<PendingDropped>().Pending.ShouldBe(CellStatus.Waitlisted);
        seats.Rows[new Slot("CANTINE", "PRIMAIRE", "REPAS", Day).Key].ShouldBe(new SeatRow(0, 1, 0));
    }
}
