using NodaTime;
using PortailFamille.Domain.Bookings;
using PortailFamille.Domain.Common;

namespace PortailFamille.Api.Bookings;

/// <summary>
/// Something that takes or gives back seats. The desk decides many of them in one transaction:
/// load what they touch, lock their slots, decide in order, refill freed seats, append, commit.
/// </summary>
public abstract class DeskWork
{
    internal TaskCompletionSource<object?> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The request that asked for this work: its events carry it, even decided in a batch with others.</summary>
    public Infrastructure.Causation? Causation { get; } = Infrastructure.Causation.Current;

    /// <summary>The Idempotency-Key of that request: the batch's transaction marks it committed.</summary>
    public Infrastructure.IdempotencyScope? Idempotency { get; } = Infrastructure.IdempotencyScope.Current;

    /// <summary>The request's answer from this work's result: with an Idempotency-Key, the batch's transaction stores it.</summary>
    public Func<object?, IResult>? Answer { get; set; }

    /// <summary>Works touching many slots (capacity, closures, sweeps) get a transaction of their own.</summary>
    public virtual bool RunsAlone => false;

    public abstract IEnumerable<Guid> InscriptionIds { get; }

    /// <summary>Reads what the work needs beyond its inscriptions (in the transaction, before locking).</summary>
    public virtual Task PrepareAsync(DeskBatch batch, CancellationToken cancellation) => Task.CompletedTask;

    public abstract Task<IEnumerable<Slot>> SlotsToLockAsync(DeskBatch batch, CancellationToken cancellation);

    /// <summary>Decides against the locked seats; records events and notices in the batch; returns the caller's answer.</summary>
    public abstract object? Decide(DeskBatch batch);
}

/// <summary>A parent's (or staff's) month of changes on one inscription. With <paramref name="familyId"/>, only that
/// family's inscription is decided (a parent's request): any other is answered as not found.</summary>
public sealed class ReserveWork(Guid inscriptionId, IReadOnlyList<Change> changes, Actor by, Guid? familyId = null) : DeskWork
{
    public override IEnumerable<Guid> InscriptionIds => [inscriptionId];

    private Domain.Inscriptions.Inscription? Own(DeskBatch batch) =>
        batch.Inscription(inscriptionId) is { } i && (familyId is null || i.FamilyId == familyId) ? i : null;

    public override Task<IEnumerable<Slot>> SlotsToLockAsync(DeskBatch batch, CancellationToken cancellation)
    {
        if (Own(batch) is not { } inscription) return Task.FromResult(Enumerable.Empty<Slot>());
        var rules = batch.Rules(inscription.ActivityCode);
        return Task.FromResult(changes.Select(c => BookingDecider.SlotTouched(inscription, c, rules)).OfType<Slot>());
    }

    public override object? Decide(DeskBatch batch)
    {
        if (Own(batch) is not { } inscription) return null;
        var decision = BookingDecider.Decide(inscription, changes, batch.Rules(inscription.ActivityCode), batch.Seats, by, batch.Now,
            batch.ServedDays(inscription));
        batch.Record(decision);
        batch.Notify(inscriptionId, NoticeKinds.Waitlisted, decision.Result.Where(r => r.Outcome == Outcome.Waitlisted)
            .Select(r => BookingMails.Line(r.Date, r.Unit)).ToList());
        batch.Notify(inscriptionId, NoticeKinds.Received, decision.Result
            .Where(r => r.Outcome is Outcome.Requested or Outcome.CancellationRequested)
            .Select(r => BookingMails.Line(r.Date, r.Unit, r.Outcome == Outcome.Requested ? "réservation demandée" : "annulation demandée")).ToList());
        return decision.Result;
    }
}

/// <summary>Staff accept or refuse a pending request (manual validation).</summary>
public sealed class StaffDecisionWork(Guid inscriptionId, LocalDate date, string unit, bool accept, string? reason, Actor by) : DeskWork
{
    public override IEnumerable<Guid> InscriptionIds => [inscriptionId];

    public override Task<IEnumerable<Slot>> SlotsToLockAsync(DeskBatch batch, CancellationToken cancellation)
    {
        if (batch.Inscription(inscriptionId) is not { } inscription) return Task.FromResult(Enumerable.Empty<Slot>());
        var slot = BookingDecider.SlotTouched(inscription, new Change(date, unit, BookingAction.Book), batch.Rules(inscription.ActivityCode));
        return Task.FromResult<IEnumerable<Slot>>(slot is null ? [] : [slot]);
    }

    public override object? Decide(DeskBatch batch)
    {
        if (batch.Inscription(inscriptionId) is not { } inscription) return null;
        var decision = BookingDecider.DecideStaff(inscription, date, unit, accept, reason, batch.Rules(inscription.ActivityCode), batch.Seats, by, batch.Now);
        if (decision is null) return null;
        batch.Record(decision);
        var what = decision.Result.Outcome switch
        {
            Outcome.Booked => "réservation acceptée",
            Outcome.Waitlisted => "acceptée, mais plus de place : mise en liste d'attente",
            Outcome.Cancelled => "annulation acceptée",
            _ => "demande refusée" + (string.IsNullOrWhiteSpace(reason) ? "" : $" ({reason.Trim()})"),
        };
        batch.Notify(inscriptionId, NoticeKinds.Decided, [BookingMails.Line(date, unit, what)]);
        return decision.Result;
    }
}

/// <summary>Several inscriptions' changes (siblings, a semaine type) decided in one transaction: one result list per part.</summary>
public sealed class SeveralWork(IReadOnlyList<ReserveWork> parts) : DeskWork
{
    public override IEnumerable<Guid> InscriptionIds => parts.SelectMany(p => p.InscriptionIds);

    public override async Task PrepareAsync(DeskBatch batch, CancellationToken cancellation)
    {
        foreach (var part in parts) await part.PrepareAsync(batch, cancellation);
    }

    public override async Task<IEnumerable<Slot>> SlotsToLockAsync(DeskBatch batch, CancellationToken cancellation)
    {
        var slots = new List<Slot>();
        foreach (var part in parts) slots.AddRange(await part.SlotsToLockAsync(batch, cancellation));
        return slots;
    }

    public override object? Decide(DeskBatch batch) => parts.Select(p => (IReadOnlyList<ChangeOutcome>?)p.Decide(batch)).ToList();
}

/// <summary>Staff accepting a day's requests at once: decided in one transaction, in the order given (first asked, first seated).</summary>
public sealed class StaffDecisionsWork(IReadOnlyList<StaffDecisionWork> parts) : DeskWork
{
    public override IEnumerable<Guid> InscriptionIds => parts.SelectMany(p => p.InscriptionIds).Distinct();

    public override async Task<IEnumerable<Slot>> SlotsToLockAsync(DeskBatch batch, CancellationToken cancellation)
    {
        var slots = new List<Slot>();
        foreach (var part in parts) slots.AddRange(await part.SlotsToLockAsync(batch, cancellation));
        return slots;
    }

    public override object? Decide(DeskBatch batch) => parts.Select(p => (ChangeOutcome?)p.Decide(batch)).ToList();
}
