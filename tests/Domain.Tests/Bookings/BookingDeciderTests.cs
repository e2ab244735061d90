using NodaTime;
using PortailFamille.Domain.Activities;
using PortailFamille.Domain.Bookings;
using PortailFamille.Domain.Inscriptions;
using static PortailFamille.Domain.Tests.Bookings.BookingFixture;

namespace PortailFamille.Domain.Tests.Bookings;

public class BookingDeciderTests
{
    private static readonly LocalDate Monday12Oct = new(2026, 10, 12);   // cut-off Thursday 8 Oct 10:00 CEST
    private static readonly Instant Before = Paris(2026, 10, 5, 9, 0);

    private static Decision<IReadOnlyList<ChangeOutcome>> Decide(Inscription inscription, Instant now, SeatLedger seats, DayRules? rules = null, params Change[] changes) =>
        BookingDecider.Decide(inscription, changes, rules ?? Rules(), seats, Parent, now).Folded(seats);

    [Fact]
    public void Booking_a_free_day_in_time_takes_a_seat_with_its_evidence()
    {
        var seats = Seats(days: Monday12Oct);
        var decision = Decide(Child(), Before, seats, null, Book(Monday12Oct));
        decision.Result.Single().ShouldBe(new ChangeOutcome(Monday12Oct, "REPAS", Outcome.Booked, null, CellState.Booked));
        var booked = decision.Events.Single().ShouldBeOfType<DayBooked>();
        booked.CutOff.ShouldBe(Instant.FromUtc(2026, 10, 8, 8, 0));
        booked.Seats.ShouldBe(new SeatEvidence(1, 64));
        booked.Slot.ShouldBe(new Slot("CANTINE", "PRIMAIRE", "REPAS", Monday12Oct));
        seats.Rows.Single().Value.Taken.ShouldBe(1);
    }

    public static TheoryData<string, LocalDate, Instant> CutOffs => new()
    {
        // CEST side of the October 2026 change (cut-off Wed 14 Oct 10:00 = 08:00 UTC)
        { "Friday 16 Oct 2026", new LocalDate(2026, 10, 16), Instant.FromUtc(2026, 10, 14, 8, 0) },
        // CET side (back from Toussaint: Monday 2 Nov → Thursday 29 Oct 10:00 = 09:00 UTC)
        { "Monday 2 Nov 2026", new LocalDate(2026, 11, 2), Instant.FromUtc(2026, 10, 29, 9, 0) },
        // CET side of the March 2027 change; Easter Monday 29 Mar is skipped (→ Thursday 25 Mar 10:00 = 09:00 UTC)
        { "Tuesday 30 Mar 2027", new LocalDate(2027, 3, 30), Instant.FromUtc(2027, 3, 25, 9, 0) },
        // CEST side (Thursday 1 Apr → Tuesday 30 Mar 10:00 = 08:00 UTC)
        { "Thursday 1 Apr 2027", new LocalDate(2027, 4, 1), Instant.FromUtc(2027, 3, 30, 8, 0) },
    };

    [Theory, MemberData(nameof(CutOffs))]
    public void A_booking_is_accepted_until_one_second_before_the_cut_off_and_refused_from_it(string day, LocalDate date, Instant cutOff)
    {
        Decide(Child(), cutOff - Duration.FromSeconds(1), Seats(days: date), null, Book(date)).Result[0].Outcome.ShouldBe(Outcome.Booked, day);
        var atCutOff = Decide(Child(), cutOff, Seats(days: date), null, Book(date));
        atCutOff.Result[0].ShouldBe(new ChangeOutcome(date, "REPAS", Outcome.Refused, RefusalReason.Deadline, CellState.Late), day);
        atCutOff.Events.Single().ShouldBeOfType<ChangeRefused>().CutOff.ShouldBe(cutOff);
        Decide(Child(), cutOff + Duration.FromSeconds(1), Seats(days: date), null, Book(date)).Result[0].Reason.ShouldBe(RefusalReason.Deadline, day);
    }

    [Theory, MemberData(nameof(CutOffs))]
    public void A_cancellation_is_accepted_until_one_second_before_the_cut_off_and_refused_from_it(string day, LocalDate date, Instant cutOff)
    {
        var booked = Decide(Child(), cutOff - Duration.FromDays(3), Seats(days: date), null, Book(date)).Inscription;

        var inTime = Decide(booked, cutOff - Duration.FromSeconds(1), Seats(taken: 1, days: date), null, Cancel(date));
        inTime.Result[0].ShouldBe(new ChangeOutcome(date, "REPAS", Outcome.Cancelled, null, CellState.Free), day);
        inTime.Events.Single().ShouldBeOfType<DayCancelled>().CutOff.ShouldBe(cutOff);

        var late = Decide(booked, cutOff, Seats(taken: 1, days: date), null, Cancel(date));
        late.Result[0].ShouldBe(new ChangeOutcome(date, "REPAS", Outcome.Refused, RefusalReason.Deadline, CellState.Late), day);
        late.Inscription.CellAt(date, "REPAS").Status.ShouldBe(CellStatus.Booked); // stays booked, and billed
        Decide(booked, cutOff + Duration.FromSeconds(1), Seats(taken: 1, days: date), null, Cancel(date)).Result[0].Reason.ShouldBe(RefusalReason.Deadline);
    }

    [Fact]
    public void Closed_days_are_refused_with_their_reason_in_order_of_precedence()
    {
        var inscription = Child(to: new LocalDate(2027, 1, 15));
        var results = Decide(inscription, Before, Seats(), null,
            Book(Monday12Oct, "GOUTER"),                 // unknown unit first, even on an open day
            Book(new LocalDate(2027, 2, 1)),             // after the inscription's end
            Book(new LocalDate(2026, 10, 19)),           // Toussaint
            Book(new LocalDate(2026, 11, 11)),           // Armistice
            Book(new LocalDate(2026, 10, 14)),           // a Wednesday: the canteen does not run
            Book(new LocalDate(2026, 10, 17)),           // a Saturday
            Book(new LocalDate(2026, 10, 6))             // open but past its cut-off (Thu 1 Oct)
        ).Result;
        results.Select(r => r.Reason).ShouldBe([
            RefusalReason.UnknownUnit, RefusalReason.NotInPeriod, RefusalReason.Closed, RefusalReason.Closed,
            RefusalReason.Closed, RefusalReason.Closed, RefusalReason.Deadline]);
        results[2].State.ShouldBe(CellState.Closed);
    }

    [Fact]
    public void A_refusal_past_the_cut_off_is_recorded_with_its_reason()
    {
        var late = Decide(Child(), Paris(2026, 10, 9, 9, 0), Seats(days: Monday12Oct), null, Cancel(Monday12Oct));
        var refused = late.Events.Single().ShouldBeOfType<ChangeRefused>();
        refused.Reason.ShouldBe(RefusalReason.Deadline);
        refused.Action.ShouldBe(BookingAction.Cancel);
        refused.By.ShouldBe(Parent);
    }

    [Fact]
    public void Refusals_that_leave_nothing_to_show_are_answered_but_not_recorded()
    {
        var booked = Decide(Child(), Before, Seats(days: Monday12Oct), null, Book(Monday12Oct)).Inscription;
        var decision = Decide(booked, Before, Seats(taken: 1, days: Monday12Oct), null,
            Book(new LocalDate(2026, 10, 19)), Book(Monday12Oct), Cancel(new LocalDate(2026, 10, 13)),
            new Change(Monday12Oct, "GOUTER", BookingAction.Book), Book(new LocalDate(2027, 8, 2)));
        decision.Result.Select(r => r.Reason).ShouldBe([RefusalReason.Closed, RefusalReason.AlreadyBooked, RefusalReason.NotBooked,
            RefusalReason.UnknownUnit, RefusalReason.NotInPeriod]);
        decision.Events.ShouldBeEmpty();
    }

    [Fact]
    public void Only_booked_days_can_be_cancelled_and_the_deadline_is_checked_first()
    {
        Decide(Child(), Before, Seats(days: Monday12Oct), null, Cancel(Monday12Oct)).Result[0].Reason.ShouldBe(RefusalReason.NotBooked);
        Decide(Child(), Paris(2026, 10, 9, 9, 0), Seats(days: Monday12Oct), null, Cancel(Monday12Oct)).Result[0].Reason.ShouldBe(RefusalReason.Deadline);
    }

    [Fact]
    public void Booking_a_day_already_held_is_refused()
    {
        var booked = Decide(Child(), Before, Seats(days: Monday12Oct), null, Book(Monday12Oct)).Inscription;
        Decide(booked, Before, Seats(taken: 1, days: Monday12Oct), null, Book(Monday12Oct)).Result[0].Reason.ShouldBe(RefusalReason.AlreadyBooked);
        var waitlisted = Decide(Child(), Before, Seats(taken: 64, days: Monday12Oct), null, Book(Monday12Oct)).Inscription;
        Decide(waitlisted, Before, Seats(taken: 64, waiting: 1, days: Monday12Oct), null, Book(Monday12Oct)).Result[0].Reason.ShouldBe(RefusalReason.AlreadyBooked);
        var requested = Decide(Child(), Before, Seats(days: Monday12Oct), Rules(ValidationModes.Manual), Book(Monday12Oct)).Inscription;
        Decide(requested, Before, Seats(days: Monday12Oct), Rules(ValidationModes.Manual), Book(Monday12Oct)).Result[0].Reason.ShouldBe(RefusalReason.AlreadyBooked);
    }

    [Fact]
    public void A_full_day_waitlists_in_order_and_a_newcomer_never_overtakes_the_queue()
    {
        var seats = Seats(taken: 64, days: Monday12Oct);
        var first = Decide(Child(), Before, seats, null, Book(Monday12Oct));
        first.Result[0].ShouldBe(new ChangeOutcome(Monday12Oct, "REPAS", Outcome.Waitlisted, null, CellState.Waitlisted));
        var waitlisted = first.Events.Single().ShouldBeOfType<DayWaitlisted>();
        waitlisted.Position.ShouldBe(1);
        waitlisted.Seats.ShouldBe(new SeatEvidence(64, 64));
        Decide(Child(), Before, seats, null, Book(Monday12Oct)).Events.Single().ShouldBeOfType<DayWaitlisted>().Position.ShouldBe(2);

        // A seat frees up while two wait: a third parent still queues behind them.
        var slot = new Slot("CANTINE", "PRIMAIRE", "REPAS", Monday12Oct);
        seats.GiveBack(slot);
        seats.KeysToRefill.ShouldBe([slot.Key]);
        Decide(Child(), Before, seats, null, Book(Monday12Oct)).Result[0].Outcome.ShouldBe(Outcome.Waitlisted);
        seats.FreeForQueue(slot.Key).ShouldBe(1);
    }

    [Fact]
    public void A_waitlisted_day_can_be_withdrawn_and_leaves_the_queue()
    {
        var seats = Seats(taken: 64, days: Monday12Oct);
        var waitlisted = Decide(Child(), Before, seats, null, Book(Monday12Oct)).Inscription;
        var withdrawn = Decide(waitlisted, Before, seats, null, Withdraw(Monday12Oct));
        withdrawn.Result[0].ShouldBe(new ChangeOutcome(Monday12Oct, "REPAS", Outcome.Withdrawn, null, CellState.Free));
        seats.Rows.Single().Value.Waiting.ShouldBe(0);
        seats.Dequeued.Single().InscriptionId.ShouldBe(waitlisted.Id);
        Decide(withdrawn.Inscription, Before, seats, null, Withdraw(Monday12Oct)).Result[0].Reason.ShouldBe(RefusalReason.NotPending);
    }

    [Fact]
    public void A_waitlisted_day_not_promoted_by_its_cut_off_shows_free_and_expires()
    {
        var seats = Seats(taken: 64, days: Monday12Oct);
        var waitlisted = Decide(Child(), Before, seats, null, Book(Monday12Oct)).Inscription;
        var afterCutOff = Instant.FromUtc(2026, 10, 8, 8, 0);
        var rules = Rules();
        CellView.At(waitlisted, Monday12Oct, "REPAS", rules, afterCutOff).ShouldBe(new GridCell(CellState.Free, false));
        Decide(waitlisted, afterCutOff, seats, rules, Withdraw(Monday12Oct)).Result[0].Reason.ShouldBe(RefusalReason.NotPending);

        var expired = BookingDecider.Expire(waitlisted, rules, afterCutOff).Folded(seats);
        expired.Events.Single().ShouldBeOfType<WaitlistExpired>().CutOff.ShouldBe(afterCutOff);
        expired.Inscription.CellAt(Monday12Oct, "REPAS").Status.ShouldBe(CellStatus.Free);
        BookingDecider.Expire(waitlisted, rules, afterCutOff - Duration.FromSeconds(1)).Events.ShouldBeEmpty();
        seats.Rows.Single().Value.Waiting.ShouldBe(0);
        seats.Dequeued.Single().InscriptionId.ShouldBe(waitlisted.Id);
    }

    [Fact]
    public void A_freed_seat_promotes_a_waitlisted_day_before_its_cut_off_only()
    {
        var rules = Rules();
        var seats = Seats(taken: 64, days: Monday12Oct);
        var waitlisted = Decide(Child(), Before, seats, rules, Book(Monday12Oct)).Inscription;
        var slot = new Slot("CANTINE", "PRIMAIRE", "REPAS", Monday12Oct);
        seats.GiveBack(slot);

        BookingDecider.Promote(waitlisted, slot, Cause.Cancellation, rules, seats, Instant.FromUtc(2026, 10, 8, 8, 0)).ShouldBeNull();
        var promoted = BookingDecider.Promote(waitlisted, slot, Cause.Cancellation, rules, seats, Before)!.Folded(seats);
        var e = promoted.Events.Single().ShouldBeOfType<WaitlistPromoted>();
        e.Seats.ShouldBe(new SeatEvidence(64, 64));
        e.Cause.ShouldBe(Cause.Cancellation);
        promoted.Inscription.CellAt(Monday12Oct, "REPAS").Status.ShouldBe(CellStatus.Booked);
        seats.Rows[slot.Key].ShouldBe(new SeatRow(64, 64, 0));
    }

    [Fact]
    public void A_booked_day_is_locked_past_its_cancellation_cut_off()
    {
        var rules = Rules();
        var booked = Decide(Child(), Before, Seats(days: Monday12Oct), rules, Book(Monday12Oct)).Inscription;
        CellView.At(booked, Monday12Oct, "REPAS", rules, Before).ShouldBe(new GridCell(CellState.Booked, true));
        CellView.At(booked, Monday12Oct, "REPAS", rules, Instant.FromUtc(2026, 10, 8, 8, 0)).ShouldBe(new GridCell(CellState.Locked, false));
        CellView.At(Child(), Monday12Oct, "REPAS", rules, Before).ShouldBe(new GridCell(CellState.Free, true));
        CellView.At(Child(), Monday12Oct, "REPAS", rules, Instant.FromUtc(2026, 10, 8, 8, 0)).ShouldBe(new GridCell(CellState.Free, false));
        CellView.At(Child(), new LocalDate(2026, 10, 19), "REPAS", rules, Before).ShouldBe(new GridCell(CellState.Closed, false));
    }

    [Fact]
    public void An_accepted_change_clears_the_late_mark()
    {
        var rules = Rules();
        var late = Decide(Child(), Instant.FromUtc(2026, 10, 8, 8, 0), Seats(days: Monday12Oct), rules, Book(Monday12Oct)).Inscription;
        late.CellAt(Monday12Oct, "REPAS").Late.ShouldBeTrue();
        var friday = new LocalDate(2026, 10, 16);
        var other = Decide(late, Before, Seats(days: friday), rules, Book(friday)).Inscription;
        CellView.At(other, Monday12Oct, "REPAS", rules, Before).State.ShouldBe(CellState.Late);
    }

    [Fact]
    public void The_ledger_fails_rather_than_count_below_zero()
    {
        var slot = new Slot("CANTINE", "PRIMAIRE", "REPAS", Monday12Oct);
        var seats = Seats(days: Monday12Oct);
        Should.Throw<InvalidOperationException>(() => seats.GiveBack(slot)).Message.ShouldContain("out of step");
        Should.Throw<InvalidOperationException>(() => seats.Apply(new RequestWithdrawn(Guid.NewGuid(), slot, CellStatus.Waitlisted, Parent, Before)));
    }

    [Fact]
    public void The_decider_reads_the_seats_and_its_events_alone_move_them()
    {
        var booked = Decide(Child(), Before, Seats(taken: 63, days: Monday12Oct), null, Book(Monday12Oct)).Inscription;
        var seats = Seats(taken: 64, days: Monday12Oct);

        // Given back then asked again in one go: the second change sees the seat the first freed.
        var decision = BookingDecider.Decide(booked, [Cancel(Monday12Oct), Book(Monday12Oct)], Rules(), seats, Parent, Before);

        decision.Result.Select(r => r.Outcome).ShouldBe([Outcome.Cancelled, Outcome.Booked]);
        decision.Events.OfType<DayBooked>().Single().Seats.ShouldBe(new SeatEvidence(64, 64));
        seats.ChangedKeys.ShouldBeEmpty();
        seats.ApplyAll(decision.Events);
        seats.Rows.Single().Value.ShouldBe(new SeatRow(64, 64, 0));
        seats.ChangedKeys.ShouldHaveSingleItem();
    }
}
