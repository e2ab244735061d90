using Marten;
using NodaTime;
using Npgsql;
using PortailFamille.Api.Infrastructure;
using PortailFamille.Api.Mail;
using PortailFamille.Domain.Activities;
using PortailFamille.Domain.Bookings;
using PortailFamille.Domain.Calendar;
using PortailFamille.Domain.Families;
using PortailFamille.Domain.Inscriptions;
using PortailFamille.Domain.Shuttles;

namespace PortailFamille.Api.Bookings;

/// <summary>
/// One transaction of the booking desk: the inscriptions it touches (as the stream says, then as the
/// decisions leave them), the locked seat rows, the events to append and the e-mails to send.
/// </summary>
public sealed class DeskBatch(IDocumentSession session, Instant now, CommuneSettings commune, PublicHolidays holidays)
{
    private readonly Dictionary<Guid, Inscription> _current = new();
    private readonly Dictionary<Guid, JasperFx.Events.IEventStream<Inscription>> _streams = new();
    private readonly Dictionary<Guid, List<object>> _events = new();
    /// <summary>The cause of the work being decided (null while refilling: promotions are the desk's own doing).</summary>
    public Causation? DecidingFor { get; set; }
    private readonly Dictionary<string, DayRules> _rules = new();
    private readonly List<(Guid InscriptionId, string Kind, IReadOnlyList<string> Lines)> _notices = [];
    private readonly Dictionary<string, Cause> _refillCause = new();
    private Dictionary<string, Activity> _activities = new();
    private Dictionary<string, Activity> _lines = new();
    /// <summary>Per shuttle inscription, the days whose served seats this transaction may change: checked after deciding.</summary>
    private readonly Dictionary<Guid, HashSet<LocalDate>> _shuttleDays = new();
    private List<CalendarPeriod> _periods = [];

    public IDocumentSession Session => session;
    public NpgsqlConnection Connection => (NpgsqlConnection)session.Connection!;
    public Instant Now => now;
    public CommuneSettings Commune => commune;
    public SeatLedger Seats { get; set; } = new(new Dictionary<string, SeatRow>());
    public IReadOnlyDictionary<Guid, List<object>> Events => _events;

    /// <summary>Reads the streams for writing in one round trip; their aggregates stay in the session's identity
    /// map, so the inline snapshot projection does not read them again when the events are saved.</summary>
    public async Task LoadInscriptionsAsync(IEnumerable<Guid> ids, CancellationToken cancellation)
    {
        // Guid.Empty names no stream (Marten refuses it): such an id is simply not found.
        var missing = ids.Where(id => id != Guid.Empty && !_streams.ContainsKey(id)).Distinct().ToArray();
        if (missing.Length == 0) return;
        var batch = session.CreateBatchQuery();
        var fetches = missing.Select(id => batch.Events.FetchForWriting<Inscription>(id)).ToList();
        await batch.Execute(cancellation);
        foreach (var fetch in fetches)
        {
            var stream = await fetch;
            if (stream.Aggregate is not { } inscription) continue;
            _streams[stream.Id] = stream;
            _current[stream.Id] = inscription;
        }
    }

    public Inscription? Inscription(Guid id) => _current.GetValueOrDefault(id);

    /// <summary>The shuttle lines, and for every child of the transaction at a line or at an activity a line serves, its
    /// inscriptions at both: a shuttle seat needs the served day, and a served day given back takes the seat with it.</summary>
    public async Task LoadShuttleSidesAsync(CancellationToken cancellation)
    {
        _lines = (await session.Query<Activity>().Where(a => a.Shuttle != null).ToListAsync(cancellation)).ToDictionary(a => a.Code);
        if (_lines.Count == 0) return;
        var linked = _lines.Values.SelectMany(l => l.Shuttle!.Serves.Append(l.Code)).Distinct().ToArray();
        var children = _current.Values.Where(i => linked.Contains(i.ActivityCode)).Select(i => i.ChildId).Distinct().ToArray();
        if (children.Length == 0) return;
        var ids = await session.Query<Inscription>().Where(i => i.ChildId.IsOneOf(children) && i.ActivityCode.IsOneOf(linked))
            .Select(i => i.Id).ToListAsync(cancellation);
        await LoadInscriptionsAsync(ids, cancellation);
    }

    private IReadOnlyCollection<Inscription> ServedFor(Inscription shuttle) =>
        _current.Values.Where(i => i.ChildId == shuttle.ChildId && _lines[shuttle.ActivityCode].Shuttle!.Serves.Contains(i.ActivityCode)).ToList();

    /// <summary>On a line's inscription, whether the child holds a seat at a served activity that day (as this transaction
    /// has decided so far); null for any other inscription.</summary>
    public Func<LocalDate, bool>? ServedDays(Inscription inscription) =>
        _lines.ContainsKey(inscription.ActivityCode) ? day => ShuttleRules.Served(day, ServedFor(inscription)) : null;

    /// <summary>The shuttle seats held on the days of the served seats about to be locked: locked with them, so that the
    /// cascade may give them back in the same transaction.</summary>
    public IEnumerable<Slot> ShuttleSlotsAlong(IReadOnlyCollection<Slot> locked)
    {
        foreach (var shuttle in _current.Values.Where(i => _lines.ContainsKey(i.ActivityCode)).ToList())
        {
            var serves = _lines[shuttle.ActivityCode].Shuttle!.Serves;
            var days = locked.Where(s => serves.Contains(s.ActivityCode)).Select(s => s.Date).ToHashSet();
            if (days.Count == 0) continue;
            _shuttleDays[shuttle.Id] = days;
            foreach (var (key, cell) in shuttle.Cells)
                if (cell.Status != CellStatus.Free && shuttle.SlotOf(key, cell) is var slot && days.Contains(slot.Date)) yield return slot;
        }
    }

    /// <summary>After the works: a shuttle seat whose served day is gone goes too, free of charge, and the family is told.</summary>
    public void CascadeShuttles()
    {
        foreach (var (id, days) in _shuttleDays)
        {
            var shuttle = _current[id];
            var released = ShuttleRules.ReleaseUnserved(shuttle, ServedFor(shuttle), days, now);
            if (released.Events.Count == 0) continue;
            Record(released);
            Notify(id, NoticeKinds.ShuttleCancelled, released.Result.Select(s => BookingMails.Line(s.Date, s.Unit)).ToList());
        }
    }

    public IEnumerable<Inscription> Inscriptions => _current.Values;

    /// <summary>Activities and the calendar, read once per transaction (rules in force at decision time).</summary>
    public async Task LoadRulesAsync(CancellationToken cancellation, IEnumerable<CalendarPeriod>? addedPeriods = null)
    {
        var codes = _current.Values.Select(i => i.ActivityCode).Concat(_activities.Keys).Distinct().ToArray();
        _activities = codes.Length == 0 ? new Dictionary<string, Activity>()
            : (await session.LoadManyAsync<Activity>(cancellation, codes.Select(Activity.StreamIdFor).ToArray())).ToDictionary(a => a.Code);
        var calendar = await session.LoadAsync<CommuneCalendar>(CommuneCalendar.StreamId, cancellation);
        _periods = [.. calendar?.Periods ?? [], .. addedPeriods ?? []];
        _rules.Clear();
    }

    public void RequireActivity(string code) => _activities.TryAdd(code, null!);

    public DayRules Rules(string activityCode)
    {
        if (_rules.TryGetValue(activityCode, out var rules)) return rules;
        var activity = _activities.GetValueOrDefault(activityCode) ?? throw new InvalidOperationException($"Activity {activityCode} is not loaded.");
        return _rules[activityCode] = new DayRules(activity, new SchoolCalendar(_periods, holidays), commune.Zone);
    }

    /// <summary>Keeps a decision: its events (appended at the end, in one go per stream), the new state, and the seat
    /// counts moved by the same events (the one source of truth for what a decision did).</summary>
    public void Record<T>(Decision<T> decision)
    {
        if (decision.Events.Count == 0) return;
        Seats.ApplyAll(decision.Events);
        var id = decision.Inscription.Id;
        if (!_events.TryGetValue(id, out var list)) _events[id] = list = [];
        list.AddRange(decision.Events.Select(Caused));
        _current[id] = decision.Inscription;
    }

    /// <summary>Events for a stream that is not an inscription (activity, calendar), appended as they are.</summary>
    public void Append(Guid streamId, object e) => session.Events.Append(streamId, Caused(e));

    private object Caused(object data)
    {
        if (DecidingFor is not { } cause) return data;
        var e = session.Events.BuildEvent(data);
        (e.CorrelationId, e.CausationId) = (cause.CorrelationId, cause.CausationId);
        return e;
    }

    public void Notify(Guid inscriptionId, string kind, IReadOnlyList<string> lines)
    {
        if (lines.Count > 0) _notices.Add((inscriptionId, kind, lines));
    }

    public void RefillCause(string key, Cause cause) => _refillCause.TryAdd(key, cause);

    /// <summary>Freed seats go to the oldest valid waitlisted requests of their slot, at once.</summary>
    public async Task RefillAsync(CancellationToken cancellation)
    {
        foreach (var key in Seats.KeysToRefill.ToList())
        {
            var free = Seats.FreeForQueue(key);
            Seats.Refilled(key);
            if (free == 0) continue;
            var slot = SeatLedgerStore.ParseKey(key);
            var rules = Rules(slot.ActivityCode);
            if (now >= rules.BookingCutOff(slot.Date) || rules.ClosedReason(slot.Date) is not null) continue;
            var head = await SeatLedgerStore.QueueHeadAsync(Connection, slot, free + 5, cancellation);
            await LoadInscriptionsAsync(head, cancellation);
            foreach (var inscriptionId in head)
            {
                if (free == 0) break;
                if (Inscription(inscriptionId) is not { } waiting) continue;
                var promoted = BookingDecider.Promote(waiting, slot, _refillCause.GetValueOrDefault(key, Cause.Cancellation), rules, Seats, now);
                if (promoted is null) continue;
                Record(promoted);
                Notify(inscriptionId, NoticeKinds.Promoted, [BookingMails.Line(slot.Date, slot.Unit)]);
                free--;
            }
        }
    }

    /// <summary>Appends each stream's events expecting the version it was read at, in one order (by id) for every transaction.</summary>
    public void AppendInscriptionEvents()
    {
        foreach (var (id, events) in _events.OrderBy(kv => kv.Key)) _streams[id].AppendMany(events);
    }

    /// <summary>One e-mail per family and kind of news for this transaction, never one per day.</summary>
    public async Task<IReadOnlyList<OutgoingMail>> MailsAsync(CancellationToken cancellation)
    {
        if (_notices.Count == 0) return [];
        var familyIds = _notices.Select(n => _current[n.InscriptionId].FamilyId).Distinct().ToArray();
        var families = (await session.LoadManyAsync<Family>(cancellation, familyIds)).ToDictionary(f => f.Id);
        var mails = new List<OutgoingMail>();
        foreach (var group in _notices.GroupBy(n => (Family: _current[n.InscriptionId].FamilyId, n.Kind)))
        {
            if (!families.TryGetValue(group.Key.Family, out var family)) continue;
            var sections = group.GroupBy(n => n.InscriptionId).Select(byInscription =>
            {
                var inscription = _current[byInscription.Key];
                var child = family.ChildById(inscription.ChildId)?.FirstName ?? "votre enfant";
                var label = _activities.GetValueOrDefault(inscription.ActivityCode)?.Label ?? inscription.ActivityCode;
                return (Title: $"{child} – {label}", Lines: (IReadOnlyList<string>)byInscription.SelectMany(n => n.Lines).ToList());
            }).ToList();
            mails.Add(BookingMails.For(group.Key.Kind, family.Email, commune.Name, sections));
        }
        return mails;
    }
}

public static class NoticeKinds
{
    public const string Waitlisted = "waitlisted";
    public const string Received = "received";
    public const string Promoted = "promoted";
    public const string Decided = "decided";
    public const string Closed = "closed";
    public const string Ended = "ended";
    public const string ShuttleCancelled = "shuttle-cancelled";
}
