namespace PortailFamille.Domain.Bookings;

/// <summary>Seats taken, capacity and queue length of one slot, as locked for a decision.</summary>
public sealed record SeatRow(int Taken, int Capacity, int Waiting);

/// <summary>
/// The seat counts of the slots a batch of decisions touches, read under lock, changed in memory by
/// the deciders, then written back in the same transaction. Newcomers never overtake a queue: a seat
/// is taken at once only while nobody waits for that slot.
/// </summary>
public sealed class SeatLedger(IDictionary<string, SeatRow> rows)
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

    /// <summary>Takes a seat if one is free and nobody waits; returns the evidence, or null when full.</summary>
    public SeatEvidence? TryTake(Slot slot)
    {
        var row = this[slot];
        if (row.Waiting > 0 || row.Taken >= row.Capacity) return null;
        Set(slot.Key, row with { Taken = row.Taken + 1 });
        return new SeatEvidence(row.Taken + 1, row.Capacity);
    }

    /// <summary>Queues the inscription for the slot; returns the evidence and its position.</summary>
    public (SeatEvidence Seats, int Position) Enqueue(Slot slot, Guid inscriptionId)
    {
        var row = this[slot];
        Set(slot.Key, row with { Waiting = row.Waiting + 1 });
        _enqueued.Add((slot, inscriptionId));
        return (new SeatEvidence(row.Taken, row.Capacity), row.Waiting + 1);
    }

    public void Dequeue(Slot slot, Guid inscriptionId)
    {
        var row = this[slot];
        Set(slot.Key, row with { Waiting = Decrement(row.Waiting, slot, "waiting") });
        _dequeued.Add((slot, inscriptionId));
    }

    public void Release(Slot slot)
    {
        var row = this[slot];
        Set(slot.Key, row with { Taken = Decrement(row.Taken, slot, "taken") });
        if (row.Waiting > 0) _toRefill.Add(slot.Key);
    }

    /// <summary>A waitlisted request moves into a freed seat.</summary>
    public SeatEvidence Promote(Slot slot, Guid inscriptionId)
    {
        var row = this[slot];
        Set(slot.Key, row with { Taken = row.Taken + 1, Waiting = Decrement(row.Waiting, slot, "waiting") });
        _dequeued.Add((slot, inscriptionId));
        return new SeatEvidence(row.Taken + 1, row.Capacity);
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

    /// <summary>
    /// A count never goes below zero: a seat given back that was never counted means the ledger and the events
    /// disagree, and the batch fails (nothing is written) rather than hide it.
    /// </summary>
    private static int Decrement(int count, Slot slot, string what) => count > 0 ? count - 1
        : throw new InvalidOperationException($"Seat ledger out of step with the events: {what} is already 0 for {slot.Key}.");

    private void Set(string key, SeatRow row)
    {
        _rows[key] = row;
        _changed.Add(key);
    }
}
