namespace PortailFamille.Domain.Bookings;

/// <summary>Seats taken, capacity and queue length of one slot, as locked for a decision.</summary>
public sealed record SeatRow(int Taken, int Capacity, int Waiting);

/// <summary>The seat counts a decider reads (it never changes them: it returns events).</summary>
public interface ISeatCounts
{
    SeatRow this[Slot slot] { get; }
}

/// <summary>What a booking event does to its slot's counts: the one definition, used by the desk's ledger and by a decider
/// deciding several changes in a row.</summary>
public static class SeatMoves
{
    /// <summary>The slot whose counts the event changes, or null for an event that moves no seat and no queue place.</summary>
    public static Slot? SlotMoved(object e) => e switch
    {
        DayBooked x => x.Slot,
        DayWaitlisted x => x.Slot,
        WaitlistPromoted x => x.Slot,
        DayCancelled x => x.Slot,
        RequestWithdrawn { Pending: CellStatus.Waitlisted } x => x.Slot,
        PendingDropped { Pending: CellStatus.Waitlisted } x => x.Slot,
        WaitlistExpired x => x.Slot,
        _ => null,
    };

    /// <summary>The counts after the event. A count never goes below zero: a seat given back that was never counted means
    /// the ledger and the events disagree, and the batch fails (nothing is written) rather than hide it.</summary>
    public static SeatRow After(SeatRow row, object e, Slot slot) => e switch
    {
        DayBooked => row with { Taken = row.Taken + 1 },
        DayWaitlisted => row with { Waiting = row.Waiting + 1 },
        WaitlistPromoted => row with { Taken = row.Taken + 1, Waiting = Decrement(row.Waiting, slot, "waiting") },
        DayCancelled => row with { Taken = Decrement(row.Taken, slot, "taken") },
        RequestWithdrawn or PendingDropped or WaitlistExpired => row with { Waiting = Decrement(row.Waiting, slot, "waiting") },
        _ => row,
    };

    /// <summary>Whether a seat is free for a newcomer: newcomers never overtake a queue.</summary>
    public static bool SeatFree(SeatRow row) => row.Waiting == 0 && row.Taken < row.Capacity;

    private static int Decrement(int count, Slot slot, string what) => count > 0 ? count - 1
        : throw new InvalidOperationException($"Seat ledger out of step with the events: {what} is already 0 for {slot.Key}.");
}

/// <summary>
/// The seat counts of the slots a batch of decisions touches, read under lock, moved by the decided events
/// (<see cref="Apply"/>), then written back in the same transaction.
/// </summary>
public sealed class SeatLedger(IDictionary<string, SeatRow> rows) : ISeatCounts
{
    private readonly Dictionary<string, SeatRow> _rows = new(rows);
    private readonly HashSet<string> _changed = [];
    private readonly HashSet<string> _toRefill = [];
    private readonly List<(Slot Slot, Guid InscriptionId)> _enqueued = [];
    private readonly List<(Slot Slot, Guid InscriptionId)> _dequeued = [];

    public IReadOnlyDictionary<string, SeatRow> Rows => _rows;
    public IEnumerable<string> ChangedKeys => _changed;
    /// <summary>Slots where seats may have freed up while people wait: the queue's head gets them.</summary>
    public IEnumerable<string> KeysToRefill => _toRefill;
    public IReadOnlyList<(Slot Slot, Guid InscriptionId)> Enqueued => _enqueued;
    public IReadOnlyList<(Slot Slot, Guid InscriptionId)> Dequeued => _dequeued;

    public SeatRow this[Slot slot] => _rows.TryGetValue(slot.Key, out var row) ? row
        : throw new InvalidOperationException($"Slot {slot.Key} was not locked for this decision.");

    public bool Has(Slot slot) => _rows.ContainsKey(slot.Key);

    /// <summary>Folds a decided event into the counts and the queue rows to write.</summary>
    public void Apply(object e)
    {
        if (SeatMoves.SlotMoved(e) is not { } slot) return;
        var before = this[slot];
        Set(slot.Key, SeatMoves.After(before, e, slot));
        switch (e)
        {
            case DayWaitlisted x:
                _enqueued.Add((slot, x.InscriptionId));
                break;
            case DayCancelled when before.Waiting > 0:
                _toRefill.Add(slot.Key);
                break;
            case WaitlistPromoted x:
                _dequeued.Add((slot, x.InscriptionId));
                break;
            case RequestWithdrawn x:
                _dequeued.Add((slot, x.InscriptionId));
                break;
            case PendingDropped x:
                _dequeued.Add((slot, x.InscriptionId));
                break;
            case WaitlistExpired x:
                _dequeued.Add((slot, x.InscriptionId));
                break;
        }
    }

    public void ApplyAll(IEnumerable<object> events)
    {
        foreach (var e in events) Apply(e);
    }

    public void SetCapacity(string key, int capacity)
    {
        var row = _rows[key];
        Set(key, row with { Capacity = capacity });
        if (row.Waiting > 0 && capacity > row.Taken) _toRefill.Add(key);
    }

    /// <summary>How many waiting requests the slot can take now.</summary>
    public int FreeForQueue(string key) => _rows[key] is var r && r.Waiting > 0 ? Math.Max(0, Math.Min(r.Capacity - r.Taken, r.Waiting)) : 0;

    public void Refilled(string key) => _toRefill.Remove(key);

    private void Set(string key, SeatRow row)
    {
        _rows[key] = row;
        _changed.Add(key);
    }
}

/// <summary>A decider's own view while it decides several changes in a row: the counts it was given, with the events it has
/// decided so far folded in by <see cref="SeatMoves"/>. The given counts are never changed.</summary>
internal sealed class DecidingSeats(ISeatCounts given) : ISeatCounts
{
    private readonly Dictionary<string, SeatRow> _moved = new();

    public SeatRow this[Slot slot] => _moved.TryGetValue(slot.Key, out var row) ? row : given[slot];

    public void Apply(object e)
    {
        if (SeatMoves.SlotMoved(e) is { } slot) _moved[slot.Key] = SeatMoves.After(this[slot], e, slot);
    }
}
