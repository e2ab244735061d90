using NodaTime;
using NodaTime.Text;
using Npgsql;
using PortailFamille.Api.Infrastructure;
using PortailFamille.Domain.Activities;
using PortailFamille.Domain.Bookings;
using PortailFamille.Domain.Calendar;
using PortailFamille.Domain.Common;
using PortailFamille.Domain.Inscriptions;

namespace PortailFamille.Api.Bookings;

/// <summary>A new capacity for a group and unit: recorded with the seat rows it changes; raising it promotes at once.</summary>
public sealed class CapacityWork(string activityCode, string group, string unit, int capacity, Actor by) : DeskWork
{
    private List<Slot> _slots = [];
    public override bool RunsAlone => true;
    public override IEnumerable<Guid> InscriptionIds => [];

    public override Task PrepareAsync(DeskBatch batch, CancellationToken cancellation)
    {
        batch.RequireActivity(activityCode);
        return Task.CompletedTask;
    }

    public override async Task<IEnumerable<Slot>> SlotsToLockAsync(DeskBatch batch, CancellationToken cancellation)
    {
        var today = batch.Now.InZone(batch.Commune.Zone).Date;
        return _slots = await SeatLedgerStore.SlotsFromAsync(batch.Connection, activityCode, group, unit, today, cancellation);
    }

    public override object? Decide(DeskBatch batch)
    {
        var activity = batch.Rules(activityCode).Activity;
        batch.Append(activity.Id, new CapacityChanged(activity.Id, group, unit, capacity, by, batch.Now));
        foreach (var slot in _slots)
        {
            batch.Seats.SetCapacity(slot.Key, capacity);
            batch.RefillCause(slot.Key, Cause.CapacityRaised);
        }
        return _slots.Count;
    }
}

/// <summary>Days closed by staff (a closure or a holiday period): their bookings are cancelled free, their
/// pending and waitlisted cells dropped, and each family told once.</summary>
public sealed class ClosureWork(IReadOnlyList<CalendarPeriod> periods, Actor by) : DeskWork, ICalendarChange
{
    public ClosureWork(CalendarPeriod period, Actor by) : this([period], by) { }

    public override bool RunsAlone => true;
    public override IEnumerable<Guid> InscriptionIds => [];
    public IEnumerable<CalendarPeriod> AddedPeriods => periods;

    private bool Covers(LocalDate day) => periods.Any(p => p.Covers(day));

    public override async Task PrepareAsync(DeskBatch batch, CancellationToken cancellation)
    {
        var days = new HashSet<string>();
        foreach (var period in periods)
            for (var d = period.From; d <= period.To; d = d.PlusDays(1)) days.Add(LocalDatePattern.Iso.Format(d));
        await batch.LoadInscriptionsAsync(await InscriptionQueries.HoldingAsync(batch.Session, days, cancellation), cancellation);
    }

    public override Task<IEnumerable<Slot>> SlotsToLockAsync(DeskBatch batch, CancellationToken cancellation) =>
        Task.FromResult(HeldSlots(batch, Covers));

    /// <summary>Records the periods; bookings on their days are cancelled free of charge, queue places and requests dropped, parents told.</summary>
    public override object? Decide(DeskBatch batch)
    {
        foreach (var period in periods)
            batch.Append(CommuneCalendar.StreamId, new CalendarPeriodAdded(CommuneCalendar.StreamId, period, by, batch.Now));
        foreach (var inscription in batch.Inscriptions.ToList())
        {
            var released = BookingDecider.Release(inscription, Covers, Cause.Closure, by, batch.Now);
            batch.Record(released);
            batch.Notify(inscription.Id, NoticeKinds.Closed, released.Result.Select(s => BookingMails.Line(s.Date, s.Unit)).ToList());
        }
        return periods.Count > 0 ? periods[0].PeriodId : null;
    }

    public static IEnumerable<Slot> HeldSlots(DeskBatch batch, Func<LocalDate, bool> predicate) =>
        batch.Inscriptions.SelectMany(i => i.Cells
            .Where(kv => kv.Value.Status != CellStatus.Free)
            .Select(kv => i.SlotOf(kv.Key, kv.Value))
            .Where(s => predicate(s.Date))).ToList();
}

/// <summary>Staff change an inscription's group or last day; the days after an early end are released free.</summary>
public sealed class InscriptionChangeWork(Guid inscriptionId, string? group, LocalDate? to, Actor by) : DeskWork
{
    public override IEnumerable<Guid> InscriptionIds => [inscriptionId];

    public override Task<IEnumerable<Slot>> SlotsToLockAsync(DeskBatch batch, CancellationToken cancellation) =>
        Task.FromResult(to is { } end ? ClosureWork.HeldSlots(batch, d => d > end) : []);

    public override object? Decide(DeskBatch batch)
    {
        if (batch.Inscription(inscriptionId) is not { } inscription) return null;
        var events = new List<object>();
        if (group is not null && group != inscription.Group) events.Add(new InscriptionGroupChanged(inscriptionId, group, by, batch.Now));
        if (to is { } end && end != inscription.To) events.Add(new InscriptionEndChanged(inscriptionId, end, by, batch.Now));
        var changed = events.Aggregate(inscription, (i, e) => e is InscriptionGroupChanged g ? i.Apply(g) : i.Apply((InscriptionEndChanged)e));
        batch.Record(new Decision<int>(events.Count, events, changed));
        if (to is { } last && last < inscription.To)
        {
            // Existing seats keep the group they were decided in; only later decisions use a new group.
            var released = BookingDecider.Release(changed, d => d > last, Cause.InscriptionEnded, by, batch.Now);
            batch.Record(released);
            batch.Notify(inscriptionId, NoticeKinds.Ended, released.Result.Select(s => BookingMails.Line(s.Date, s.Unit)).ToList());
        }
        return events.Count;
    }
}

/// <summary>One page of the sweep's candidates, in inscription-id order, and whether more follow.</summary>
public sealed record SweepPage(int Expired, Guid Last, bool More);

/// <summary>
/// The scheduled sweep, one page of candidates: inscriptions with a queue place close enough to have passed its
/// cut-off, or with undecided requests. Pages follow the inscription id, so a run visits every candidate however
/// many are not due yet.
/// </summary>
public sealed class SweepWork(Guid after, int pageSize = SweepWork.PageSize) : DeskWork
{
    public const int PageSize = 500;
    public override bool RunsAlone => true;
    public override IEnumerable<Guid> InscriptionIds => [];
    private bool _more;
    private Guid _last;

    public override async Task PrepareAsync(DeskBatch batch, CancellationToken cancellation)
    {
        var today = batch.Now.InZone(batch.Commune.Zone).Date;
        // A cut-off is at most MaxDaysBefore days before its day (and working days stretch that by weekends).
        var horizon = today.PlusDays(Deadline.MaxDaysBefore * 2);
        var ids = await InscriptionQueries.WithPendingWorkAsync(batch.Session, horizon, after, pageSize + 1, cancellation);
        _more = ids.Count > pageSize;
        var page = ids.Take(pageSize).ToList();
        // The next page starts after the last id, in the database's uuid order (which Guid.CompareTo shares).
        _last = page.Count > 0 ? page[^1] : after;
        await batch.LoadInscriptionsAsync(page, cancellation);
    }
    public override Task<IEnumerable<Slot>> SlotsToLockAsync(DeskBatch batch, CancellationToken cancellation) =>
        Task.FromResult(batch.Inscriptions.SelectMany(i => i.Cells
            .Where(kv => kv.Value.Status == CellStatus.Waitlisted)
            .Select(kv => i.SlotOf(kv.Key, kv.Value))
            .Where(s => batch.Now >= batch.Rules(s.ActivityCode).BookingCutOff(s.Date))).ToList().AsEnumerable());

    public override object? Decide(DeskBatch batch)
    {
        var expired = 0;
        foreach (var inscription in batch.Inscriptions.ToList())
        {
            var decision = BookingDecider.Expire(inscription, batch.Rules(inscription.ActivityCode), batch.Now);
            batch.Record(decision);
            expired += decision.Result;
        }
        return new SweepPage(expired, _last, _more);
    }

    /// <summary>Every page of candidates, one desk batch each; the number of days expired.</summary>
    public static async Task<int> RunAsync(BookingDesk desk, CancellationToken cancellation, int pageSize = PageSize)
    {
        var (expired, after) = (0, Guid.Empty);
        while (await desk.SubmitAsync<SweepPage>(new SweepWork(after, pageSize), cancellation) is { } page)
        {
            expired += page.Expired;
            if (!page.More) break;
            after = page.Last;
        }
        return expired;
    }
}

/// <summary>Runs the sweep of every commune every minute, on one node of the cluster at a time (each run re-reads the
/// application clock).</summary>
public sealed class BookingSweeper(CommuneDirectory communes, CommuneDatabases databases, IServiceProvider services, ILogger<BookingSweeper> logger)
    : BackgroundService
{
    public static readonly TimeSpan Every = TimeSpan.FromMinutes(1);
    public const string Lease = "booking-sweep";

    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(Every);
        while (await timer.WaitForNextTickAsync(stopping))
        {
            foreach (var commune in communes.All)
                try
                {
                    // Another node did this commune's round this minute.
                    if (!await SweepLease.TryTakeAsync(databases.For(commune), Lease, Every, stopping)) continue;
                    await using var scope = services.ForCommune(commune);
                    var expired = await SweepWork.RunAsync(scope.ServiceProvider.GetRequiredService<BookingDesk>(), stopping);
                    if (expired > 0) logger.LogInformation("Expired {Count} pending or waitlisted days in {Commune}", expired, commune.Id);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogError(e, "The booking sweep of {Commune} failed; it will run again", commune.Id);
                }
        }
    }
}
