using NodaTime;
using PortailFamille.Domain.Common;
using PortailFamille.Domain.Inscriptions;

namespace PortailFamille.Domain.Bookings;

public sealed record Change(LocalDate Date, string Unit, BookingAction Action);

/// <summary>A change as the client sent it, before its action is known to be one of ours.</summary>
public sealed record ChangeAsked(LocalDate Date, string Unit, string Action);

public sealed record ChangeOutcome(LocalDate Date, string Unit, Outcome Outcome, RefusalReason? Reason, CellState State);

/// <summary>What a decision produced: the events to append, and the inscription with them applied. The seat counts move by
/// the same events (<see cref="SeatLedger.Apply"/>): the decider reads them and never changes them.</summary>
public sealed record Decision<T>(T Result, IReadOnlyList<object> Events, Inscription Inscription);

/// <summary>
/// The booking rules of the commune's guide, as pure functions: closed days, deadlines, capacity,
/// "only booked days can be cancelled", withdraw, automatic or manual validation.
/// </summary>
public static class BookingDecider
{
    /// <summary>A parent's (or staff's) changes, decided together in the order given. On a shuttle line,
    /// <paramref name="served"/> says the days the child holds a seat at an activity the line serves.</summary>
    public static Decision<IReadOnlyList<ChangeOutcome>> Decide(Inscription inscription, IReadOnlyList<Change> changes,
        DayRules rules, ISeatCounts seats, Actor by, Instant now, Func<LocalDate, bool>? served = null)
    {
        var events = new List<object>();
        var outcomes = new List<ChangeOutcome>();
        // Each change sees the seats the previous ones took or gave back.
        var deciding = new DecidingSeats(seats);
        foreach (var change in changes)
        {
            var (outcome, reason, produced) = DecideOne(inscription, change, rules, deciding, by, now, served);
            foreach (var e in produced)
            {
                inscription = Evolve(inscription, e);
                deciding.Apply(e);
            }
            events.AddRange(produced);
            outcomes.Add(new ChangeOutcome(change.Date, change.Unit, outcome, reason,
                rules.Activity.Units.Contains(change.Unit) ? CellView.At(inscription, change.Date, change.Unit, rules, now).State : CellState.Closed));
        }
        return new Decision<IReadOnlyList<ChangeOutcome>>(outcomes, events, inscription);
    }

    /// <summary>The slot a change touches, when it could touch one (the desk locks it before deciding).</summary>
    public static Slot? SlotTouched(Inscription inscription, Change change, DayRules rules) => Target(inscription, change, rules).Slot;

    /// <summary>Where a change lands: stopped before any seat (unknown unit, day outside the inscription, closed day), or the
    /// slot it touches: the cell's own when it holds something, else the one a booking would take.</summary>
    private static (RefusalReason? Refusal, Slot? Slot) Target(Inscription inscription, Change change, DayRules rules)
    {
        if (!rules.Activity.Units.Contains(change.Unit)) return (RefusalReason.UnknownUnit, null);
        var closed = rules.ClosedReason(change.Date, inscription);
        if (closed == DayClosedReason.NotInPeriod) return (RefusalReason.NotInPeriod, null);
        if (closed is not null) return (RefusalReason.Closed, null);
        var cell = inscription.CellAt(change.Date, change.Unit);
        return (null, cell.Status == CellStatus.Free ? rules.SlotFor(inscription, change.Date, change.Unit)
            : new Slot(rules.Activity.Code, cell.Group, change.Unit, change.Date));
    }

    private static (Outcome Outcome, RefusalReason? Reason, IReadOnlyList<object> Events) DecideOne(
        Inscription inscription, Change change, DayRules rules, ISeatCounts seats, Actor by, Instant now, Func<LocalDate, bool>? served)
    {
        var id = inscription.Id;
        // Only a refusal past the cut-off is kept: it draws the red cell and settles disputes. The others leave nothing to
        // show (unknown unit, closed day, nothing to cancel…): answered, not stored, so a client cannot grow the store with them.
        (Outcome, RefusalReason?, IReadOnlyList<object>) Refuse(RefusalReason reason, Instant? cutOff = null) =>
            (Outcome.Refused, reason, reason == RefusalReason.Deadline
                ? [new ChangeRefused(id, change.Date, change.Unit, change.Action, reason, cutOff, by, now)]
                : []);

        var (refusal, target) = Target(inscription, change, rules);
        if (refusal is { } refused) return Refuse(refused);
        var slot = target!;
        var cell = inscription.CellAt(change.Date, change.Unit);
        switch (change.Action)
        {
            case BookingAction.Book:
            {
                var cutOff = rules.BookingCutOff(change.Date);
                if (now >= cutOff) return Refuse(RefusalReason.Deadline, cutOff);
                if (cell.Status != CellStatus.Free) return Refuse(RefusalReason.AlreadyBooked);
                if (rules.Activity.Shuttle is not null && served?.Invoke(change.Date) != true) return Refuse(RefusalReason.NotServed);
                if (rules.IsManual) return (Outcome.Requested, null, [new BookingRequested(id, slot, cutOff, by, now)]);
                return Book(id, slot, cutOff, seats, by, now);
            }
            case BookingAction.Cancel:
            {
                var cutOff = rules.CancellationCutOff(change.Date);
                if (now >= cutOff) return Refuse(RefusalReason.Deadline, cutOff);
                if (cell.Status != CellStatus.Booked) return Refuse(RefusalReason.NotBooked);
                if (rules.IsManual) return (Outcome.CancellationRequested, null, [new CancellationRequested(id, slot, cutOff, by, now)]);
                return (Outcome.Cancelled, null, [new DayCancelled(id, slot, cutOff, Cause.Parent, by, now)]);
            }
            case BookingAction.Withdraw:
            {
                // Pending as the grid shows it: a request left past its cut-off is no longer pending.
                var state = CellView.At(inscription, change.Date, change.Unit, rules, now).State;
                if (state is not (CellState.Requested or CellState.CancellationRequested or CellState.Waitlisted))
                    return Refuse(RefusalReason.NotPending);
                return (Outcome.Withdrawn, null, [new RequestWithdrawn(id, slot, cell.Status, by, now)]);
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(change), change.Action, "Unknown action: validate changes before deciding.");
        }
    }

    /// <summary>A seat when one is free and nobody waits, else a place at the end of the queue; the event carries the counts.</summary>
    private static (Outcome, RefusalReason?, IReadOnlyList<object>) Book(Guid id, Slot slot, Instant cutOff, ISeatCounts seats, Actor by, Instant now)
    {
        var row = seats[slot];
        return SeatMoves.SeatFree(row)
            ? (Outcome.Booked, null, [new DayBooked(id, slot, cutOff, new SeatEvidence(row.Taken + 1, row.Capacity), by, now)])
            : (Outcome.Waitlisted, null, [new DayWaitlisted(id, slot, cutOff, new SeatEvidence(row.Taken, row.Capacity), row.Waiting + 1, by, now)]);
    }

    /// <summary>Staff accept or refuse a pending request (manual validation). Null when the cell is not pending
    /// any more (decided, withdrawn, or left undecided past its cut-off).</summary>
    public static Decision<ChangeOutcome>? DecideStaff(Inscription inscription, LocalDate date, string unit, bool accept, string? reason,
        DayRules rules, ISeatCounts seats, Actor by, Instant now)
    {
        if (Target(inscription, new Change(date, unit, BookingAction.Book), rules) is not (null, { } slot)) return null;
        var cell = inscription.CellAt(date, unit);
        object decided;
        Outcome outcome;
        switch (cell.Status)
        {
            case CellStatus.Requested when now < rules.BookingCutOff(date):
                if (!accept) { decided = new RequestRefused(inscription.Id, slot, cell.Status, reason, by, now); outcome = Outcome.Refused; break; }
                var (o, _, events) = Book(inscription.Id, slot, rules.BookingCutOff(date), seats, by, now);
                decided = events[0];
                outcome = o;
                break;
            case CellStatus.CancellationRequested when now < rules.CancellationCutOff(date):
                if (!accept) { decided = new RequestRefused(inscription.Id, slot, cell.Status, reason, by, now); outcome = Outcome.Refused; break; }
                decided = new DayCancelled(inscription.Id, slot, rules.CancellationCutOff(date), Cause.Staff, by, now);
                outcome = Outcome.Cancelled;
                break;
            default:
                return null;
        }
        var after = Evolve(inscription, decided);
        return new Decision<ChangeOutcome>(new ChangeOutcome(date, unit, outcome, null, CellView.At(after, date, unit, rules, now).State), [decided], after);
    }

    /// <summary>Gives a freed seat to this waitlisted day, if it is still open and before its cut-off.</summary>
    public static Decision<Slot>? Promote(Inscription inscription, Slot slot, Cause cause, DayRules rules, ISeatCounts seats, Instant now)
    {
        var cell = inscription.CellAt(slot.Date, slot.Unit);
        if (cell.Status != CellStatus.Waitlisted || now >= rules.BookingCutOff(slot.Date) || rules.ClosedReason(slot.Date, inscription) is not null)
            return null;
        var row = seats[slot];
        var promoted = new WaitlistPromoted(inscription.Id, slot, new SeatEvidence(row.Taken + 1, row.Capacity), cause, Actor.System, now);
        return new Decision<Slot>(slot, [promoted], Evolve(inscription, promoted));
    }

    /// <summary>Frees every day <paramref name="predicate"/> matches: seats cancelled free, pending and queue places dropped.</summary>
    public static Decision<IReadOnlyList<Slot>> Release(Inscription inscription, Func<LocalDate, bool> predicate, Cause cause,
        Actor by, Instant now)
    {
        var events = new List<object>();
        var released = new List<Slot>();
        foreach (var (key, cell) in inscription.Cells.OrderBy(kv => kv.Key))
        {
            if (cell.Status == CellStatus.Free) continue;
            var slot = inscription.SlotOf(key, cell);
            if (!predicate(slot.Date)) continue;
            switch (cell.Status)
            {
                case CellStatus.Booked or CellStatus.CancellationRequested:
                    events.Add(new DayCancelled(inscription.Id, slot, null, cause, by, now));
                    break;
                default:
                    events.Add(new PendingDropped(inscription.Id, slot, cell.Status, cause, by, now));
                    break;
            }
            released.Add(slot);
        }
        foreach (var e in events) inscription = Evolve(inscription, e);
        return new Decision<IReadOnlyList<Slot>>(released, events, inscription);
    }

    /// <summary>Pending requests and queue places whose cut-off has passed: refused for deadline, or expired.</summary>
    public static Decision<int> Expire(Inscription inscription, DayRules rules, Instant now)
    {
        var events = new List<object>();
        foreach (var (key, cell) in inscription.Cells.OrderBy(kv => kv.Key))
        {
            if (!cell.Status.IsPending()) continue;
            var slot = inscription.SlotOf(key, cell);
            var date = slot.Date;
            var cutOff = cell.Status == CellStatus.CancellationRequested ? rules.CancellationCutOff(date) : rules.BookingCutOff(date);
            if (now < cutOff) continue;
            if (cell.Status == CellStatus.Waitlisted) events.Add(new WaitlistExpired(inscription.Id, slot, cutOff, Actor.System, now));
            else events.Add(new RequestExpired(inscription.Id, slot, cell.Status, cutOff, Actor.System, now));
        }
        foreach (var e in events) inscription = Evolve(inscription, e);
        return new Decision<int>(events.Count, events, inscription);
    }

    public static Inscription Evolve(Inscription inscription, object e) => e switch
    {
        BookingRequested x => inscription.Apply(x),
        DayBooked x => inscription.Apply(x),
        DayWaitlisted x => inscription.Apply(x),
        WaitlistPromoted x => inscription.Apply(x),
        CancellationRequested x => inscription.Apply(x),
        DayCancelled x => inscription.Apply(x),
        ChangeRefused x => inscription.Apply(x),
        RequestWithdrawn x => inscription.Apply(x),
        RequestRefused x => inscription.Apply(x),
        RequestExpired x => inscription.Apply(x),
        WaitlistExpired x => inscription.Apply(x),
        PendingDropped x => inscription.Apply(x),
        _ => throw new ArgumentOutOfRangeException(nameof(e), e.GetType().Name, "Not a booking event."),
    };
}

/// <summary>The shape of one request of changes, checked before the desk decides it: 1 to 200 changes, each day and unit
/// once, known actions.</summary>
public static class ChangeRequests
{
    public const int MaxChanges = 200;

    public static Errors Check(IReadOnlyList<ChangeAsked> changes) => new Errors()
        .Require(changes.Count > 0, "changes", "Indiquez au moins un changement.")
        .Require(changes.Count <= MaxChanges, "changes", $"Une demande ne peut pas dépasser {MaxChanges} changements.")
        .Require(changes.DistinctBy(c => (c.Date, c.Unit)).Count() == changes.Count, "changes",
            "Un même jour et une même unité ne peuvent figurer qu'une fois dans une demande.")
        .Require(changes.All(c => Vocabulary.TryParse<BookingAction>(c.Action, out _)), "changes", "L'action doit être « book », « cancel » ou « withdraw ».")
        .Require(changes.All(c => c.Unit is { Length: > 0 and <= 40 }), "changes", "L'unité est obligatoire (40 caractères au plus).");

    /// <summary>The changes of a request that passed <see cref="Check"/>.</summary>
    public static IReadOnlyList<Change> Read(IReadOnlyList<ChangeAsked> changes) =>
        [.. changes.Select(c => Vocabulary.TryParse(c.Action, out BookingAction action) ? new Change(c.Date, c.Unit, action)
            : throw new ArgumentException($"Unknown action {c.Action}: check the request before reading it.", nameof(changes)))];
}
