using System.Collections.Immutable;
using NodaTime;
using NodaTime.Text;
using PortailFamille.Domain.Bookings;

namespace PortailFamille.Domain.Inscriptions;

/// <summary>A cell of the grid as the stream left it: its status, the group its seat (or queue place) is in,
/// whether the last change sent was refused for deadline, and since when it is in that status.</summary>
public sealed record Cell(CellStatus Status, string Group, bool Late, Instant Since);

/// <summary>One child in one activity for a period, in one group: one event stream, every booking fact on it.</summary>
public sealed record Inscription(
    Guid Id, Guid FamilyId, Guid ChildId, string ActivityCode, string Group, LocalDate From, LocalDate To,
    ImmutableDictionary<CellKey, Cell> Cells, ImmutableDictionary<CellKey, AttendanceMark>? Attendance = null)
{
    public static Inscription Create(InscriptionOpened e) =>
        new(e.InscriptionId, e.FamilyId, e.ChildId, e.ActivityCode, e.Group, e.From, e.To, ImmutableDictionary<CellKey, Cell>.Empty);

    public Inscription Apply(InscriptionGroupChanged e) => this with { Group = e.Group };

    public Inscription Apply(InscriptionEndChanged e) => this with { To = e.To };

    public Inscription Apply(BookingRequested e) => Set(e.Slot, CellStatus.Requested, false, e.At);
    public Inscription Apply(DayBooked e) => Set(e.Slot, CellStatus.Booked, false, e.At);
    public Inscription Apply(DayWaitlisted e) => Set(e.Slot, CellStatus.Waitlisted, false, e.At);
    public Inscription Apply(WaitlistPromoted e) => Set(e.Slot, CellStatus.Booked, false, e.At);
    public Inscription Apply(CancellationRequested e) => Set(e.Slot, CellStatus.CancellationRequested, false, e.At);
    public Inscription Apply(DayCancelled e) => Set(e.Slot, CellStatus.Free, false, e.At);
    public Inscription Apply(RequestWithdrawn e) => Set(e.Slot, BaseOf(e.Pending), false, e.At);
    public Inscription Apply(RequestRefused e) => Set(e.Slot, BaseOf(e.Pending), false, e.At);
    public Inscription Apply(RequestExpired e) => Set(e.Slot, BaseOf(e.Pending), true, e.At);
    public Inscription Apply(WaitlistExpired e) => Set(e.Slot, CellStatus.Free, false, e.At);
    public Inscription Apply(PendingDropped e) => Set(e.Slot, BaseOf(e.Pending), false, e.At);

    /// <summary>On a shuttle line's inscription, the stop where the child gets on (aller) and off (retour).</summary>
    public string? Stop { get; init; }

    public Inscription Apply(Shuttles.ShuttleStopChosen e) => this with { Stop = e.Stop };

    /// <summary>Days that appear on an invoice ("Réservation facturée" on the grid): cell keys of this inscription's lines.</summary>
    public ImmutableHashSet<CellKey>? Charged { get; init; }

    public Inscription Apply(PortailFamille.Domain.Money.MonthCharged e) => this with
    {
        Charged = (Charged ?? ImmutableHashSet<CellKey>.Empty).Union(e.Lines.Where(l => l.InscriptionId == Id).SelectMany(l => l.Dates.Select(d => new CellKey(d, l.Unit)))),
    };

    public bool IsCharged(LocalDate date, string unit) => Charged?.Contains(new CellKey(date, unit)) == true;

    /// <summary>The latest mark wins; the earlier ones stay in the stream.</summary>
    public Inscription Apply(AttendanceMarked e) =>
        this with { Attendance = (Attendance ?? ImmutableDictionary<CellKey, AttendanceMark>.Empty).SetItem(new CellKey(e.Date, e.Unit), e.Status) };

    public AttendanceMark? AttendanceAt(LocalDate date, string unit) =>
        Attendance is not null && Attendance.TryGetValue(new CellKey(date, unit), out var mark) ? mark : null;

    /// <summary>A refused change leaves the status as it was; only a deadline refusal marks the cell late.</summary>
    public Inscription Apply(ChangeRefused e)
    {
        var cell = CellAt(e.Date, e.Unit);
        return this with { Cells = Cells.SetItem(new CellKey(e.Date, e.Unit), cell with { Late = e.Reason == RefusalReason.Deadline }) };
    }

    /// <summary>The slot a cell's seat or queue place is in: its day and unit, in the group it was decided in.</summary>
    public Slot SlotOf(CellKey key, Cell cell) => new(ActivityCode, cell.Group, key.Unit, key.Date);

    public Cell CellAt(LocalDate date, string unit) =>
        Cells.GetValueOrDefault(new CellKey(date, unit)) ?? new Cell(CellStatus.Free, Group, false, Instant.MinValue);

    public bool Covers(LocalDate date) => From <= date && date <= To;

    public bool Overlaps(LocalDate from, LocalDate to) => From <= to && from <= To;

    /// <summary>Requests waiting for staff (for the pending list query).</summary>
    public int PendingCount => Cells.Values.Count(c => c.Status is CellStatus.Requested or CellStatus.CancellationRequested);

    /// <summary>Days with a seat, a pending request or a queue place (ISO dates), for closure lookups.</summary>
    public IReadOnlyList<string> HeldDays =>
        Cells.Where(kv => kv.Value.Status != CellStatus.Free).Select(kv => kv.Key.Date).Distinct().Order().Select(d => LocalDatePattern.Iso.Format(d)).ToList();

    /// <summary>What a pending status falls back to when it ends without being granted.</summary>
    private static CellStatus BaseOf(CellStatus pending) => pending == CellStatus.CancellationRequested ? CellStatus.Booked : CellStatus.Free;

    private Inscription Set(Slot slot, CellStatus status, bool late, Instant since) =>
        this with { Cells = Cells.SetItem(new CellKey(slot.Date, slot.Unit), new Cell(status, slot.Group, late, since)) };
}
