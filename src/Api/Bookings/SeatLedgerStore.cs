using Marten;
using NodaTime;
using Npgsql;
using NpgsqlTypes;
using PortailFamille.Api.Infrastructure;
using PortailFamille.Domain.Activities;
using PortailFamille.Domain.Bookings;

namespace PortailFamille.Api.Bookings;

/// <summary>Reads (under lock) and writes the seat rows and the waitlist, in the caller's transaction.</summary>
public static class SeatLedgerStore
{
    private const string S = MartenSetup.Schema;

    /// <summary>One seat row per running day, unit and group of a new activity (queued in the session).</summary>
    public static void QueueSeatsFor(IDocumentSession session, ActivityCreated activity)
    {
        var rows = activity.Groups.SelectMany(g => activity.Units.Select(u => (Unit: u, Group: g.Code, Capacity: g.Capacity[u]))).ToList();
        session.QueueSqlCommand(
            $"""
            insert into {S}.{SeatTables.Seats} (activity_code, unit, grp, day, capacity)
            select ?, u.unit, u.grp, d::date, u.capacity
            from generate_series(?::date, ?::date, interval '1 day') d,
                 unnest(?::text[], ?::text[], ?::int[]) as u(unit, grp, capacity)
            where extract(isodow from d)::int = any(?::int[])
            on conflict do nothing
            """,
            // Marten's queued commands bind NodaTime dates as text: pass ISO strings, cast in SQL.
            activity.Code, NodaTime.Text.LocalDatePattern.Iso.Format(activity.From), NodaTime.Text.LocalDatePattern.Iso.Format(activity.To),
            rows.Select(r => r.Unit).ToArray(), rows.Select(r => r.Group).ToArray(), rows.Select(r => r.Capacity).ToArray(),
            activity.Weekdays.Select(d => (int)d).ToArray());
    }

    /// <summary>Locks the slots' rows in one global order (activity, unit, group, day), so two transactions
    /// touching the same slots can never wait on each other in a cycle.</summary>
    public static async Task<Dictionary<string, SeatRow>> LockAsync(NpgsqlConnection connection, IEnumerable<Slot> slots, CancellationToken cancellation)
    {
        var keys = slots.DistinctBy(s => s.Key).ToList();
        var rows = new Dictionary<string, SeatRow>();
        if (keys.Count == 0) return rows;
        await using var command = new NpgsqlCommand(
            $"""
            select s.activity_code, s.grp, s.unit, s.day, s.taken, s.capacity, s.waiting
            from {S}.{SeatTables.Seats} s
            join unnest(@a, @u, @g, @d) as k(a, u, g, d)
              on s.activity_code = k.a and s.unit = k.u and s.grp = k.g and s.day = k.d
            order by s.activity_code, s.unit, s.grp, s.day
            for update of s
            """, connection);
        AddKeys(command, keys);
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            var slot = new Slot(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<LocalDate>(3));
            rows[slot.Key] = new SeatRow(reader.GetInt32(4), reader.GetInt32(5), reader.GetInt32(6));
        }
        return rows;
    }

    /// <summary>Locks every row of one activity's group and unit from a day on (capacity changes).</summary>
    public static async Task<List<Slot>> SlotsFromAsync(NpgsqlConnection connection, string activity, string group, string unit, LocalDate from,
        CancellationToken cancellation)
    {
        await using var command = new NpgsqlCommand(
            $"select day from {S}.{SeatTables.Seats} where activity_code = @a and unit = @u and grp = @g and day >= @from order by day",
            connection);
        command.Parameters.AddWithValue("a", activity);
        command.Parameters.AddWithValue("u", unit);
        command.Parameters.AddWithValue("g", group);
        command.Parameters.AddWithValue("from", from);
        var slots = new List<Slot>();
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation)) slots.Add(new Slot(activity, group, unit, reader.GetFieldValue<LocalDate>(0)));
        return slots;
    }

    /// <summary>Writes back the changed rows and the queue changes recorded since <paramref name="fromQueueChange"/>.</summary>
    public static async Task WriteAsync(NpgsqlConnection connection, SeatLedger ledger, (int Enqueued, int Dequeued) fromQueueChange,
        CancellationToken cancellation)
    {
        var dequeued = ledger.Dequeued.Skip(fromQueueChange.Dequeued).ToList();
        var enqueued = ledger.Enqueued.Skip(fromQueueChange.Enqueued).ToList();
        var batch = new NpgsqlBatch(connection);
        if (dequeued.Count > 0)
        {
            var delete = new NpgsqlBatchCommand(
                $"""
                delete from {S}.{SeatTables.Waitlist} w using unnest(@a, @u, @g, @d, @i) as k(a, u, g, d, i)
                where w.activity_code = k.a and w.unit = k.u and w.grp = k.g and w.day = k.d and w.inscription_id = k.i
                """);
            AddKeys(delete, dequeued.Select(x => x.Slot).ToList());
            delete.Parameters.Add(new NpgsqlParameter("i", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = dequeued.Select(x => x.InscriptionId).ToArray() });
            batch.BatchCommands.Add(delete);
        }
        if (enqueued.Count > 0)
        {
            // In decision order, so the queue's sequence numbers follow it.
            var insert = new NpgsqlBatchCommand(
                $"""
                insert into {S}.{SeatTables.Waitlist} (activity_code, unit, grp, day, inscription_id)
                select k.a, k.u, k.g, k.d, k.i from unnest(@a, @u, @g, @d, @i) with ordinality as k(a, u, g, d, i, n) order by k.n
                on conflict do nothing
                """);
            AddKeys(insert, enqueued.Select(x => x.Slot).ToList());
            insert.Parameters.Add(new NpgsqlParameter("i", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = enqueued.Select(x => x.InscriptionId).ToArray() });
            batch.BatchCommands.Add(insert);
        }
        var changed = ledger.ChangedKeys.Select(k => (Key: k, Row: ledger.Rows[k])).ToList();
        if (changed.Count > 0)
        {
            var update = new NpgsqlBatchCommand(
                $"""
                update {S}.{SeatTables.Seats} s set taken = k.t, capacity = k.c, waiting = k.w,
                  -- Lowering capacity below the seats taken tolerates those seats, and only those, until they are given back.
                  taken_limit = nullif(least(case when k.c < s.capacity then greatest(s.taken, coalesce(s.taken_limit, 0))
                                                  else coalesce(s.taken_limit, 0) end, k.t), 0)
                from unnest(@a, @u, @g, @d, @t, @c, @w) as k(a, u, g, d, t, c, w)
                where s.activity_code = k.a and s.unit = k.u and s.grp = k.g and s.day = k.d
                """);
            AddKeys(update, changed.Select(x => ParseKey(x.Key)).ToList());
            update.Parameters.Add(IntArray("t", changed.Select(x => x.Row.Taken)));
            update.Parameters.Add(IntArray("c", changed.Select(x => x.Row.Capacity)));
            update.Parameters.Add(IntArray("w", changed.Select(x => x.Row.Waiting)));
            batch.BatchCommands.Add(update);
        }
        if (batch.BatchCommands.Count > 0) await batch.ExecuteNonQueryAsync(cancellation);
    }

    /// <summary>The oldest inscriptions waiting for a slot, in decision order.</summary>
    public static async Task<List<Guid>> QueueHeadAsync(NpgsqlConnection connection, Slot slot, int count, CancellationToken cancellation)
    {
        await using var command = new NpgsqlCommand(
            $"""
            select inscription_id from {S}.{SeatTables.Waitlist}
            where activity_code = @a and unit = @u and grp = @g and day = @d order by seq limit @n
            """, connection);
        command.Parameters.AddWithValue("a", slot.ActivityCode);
        command.Parameters.AddWithValue("u", slot.Unit);
        command.Parameters.AddWithValue("g", slot.Group);
        command.Parameters.AddWithValue("d", slot.Date);
        command.Parameters.AddWithValue("n", count);
        return await IdsAsync(command, cancellation);
    }

    /// <summary>The next inscriptions after <paramref name="after"/> (PostgreSQL's uuid order) with a queue place on a day up to
    /// <paramref name="horizon"/>.</summary>
    public static async Task<List<Guid>> QueuedAfterAsync(NpgsqlConnection connection, LocalDate horizon, Guid after, int count,
        CancellationToken cancellation)
    {
        await using var command = new NpgsqlCommand(
            $"select distinct inscription_id from {S}.{SeatTables.Waitlist} where day <= @h and inscription_id > @after order by inscription_id limit @n",
            connection);
        command.Parameters.AddWithValue("h", horizon);
        command.Parameters.AddWithValue("after", after);
        command.Parameters.AddWithValue("n", count);
        return await IdsAsync(command, cancellation);
    }

    /// <summary>An inscription's queue places with their current position.</summary>
    public static async Task<List<(LocalDate Date, string Unit, int Position)>> PositionsAsync(NpgsqlDataSource dataSource, Guid inscriptionId,
        CancellationToken cancellation)
    {
        await using var command = dataSource.CreateCommand(
            $"""
            select x.day, x.unit, x.position from (
              select w.inscription_id, w.day, w.unit,
                     row_number() over (partition by w.activity_code, w.unit, w.grp, w.day order by w.seq)::int as position
              from {S}.{SeatTables.Waitlist} w
              where (w.activity_code, w.unit, w.grp, w.day) in
                    (select activity_code, unit, grp, day from {S}.{SeatTables.Waitlist} where inscription_id = @i)
            ) x where x.inscription_id = @i order by x.day, x.unit
            """);
        command.Parameters.AddWithValue("i", inscriptionId);
        var positions = new List<(LocalDate, string, int)>();
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation)) positions.Add((reader.GetFieldValue<LocalDate>(0), reader.GetString(1), reader.GetInt32(2)));
        return positions;
    }

    public static Slot ParseKey(string key)
    {
        var parts = key.Split('|');
        return new Slot(parts[0], parts[2], parts[1], NodaTime.Text.LocalDatePattern.Iso.Parse(parts[3]).Value);
    }

    private static void AddKeys(NpgsqlCommand command, IReadOnlyList<Slot> slots)
    {
        var batchCommand = new NpgsqlBatchCommand();
        AddKeys(batchCommand, slots);
        foreach (NpgsqlParameter p in batchCommand.Parameters) command.Parameters.Add(p.Clone());
    }

    private static void AddKeys(NpgsqlBatchCommand command, IReadOnlyList<Slot> slots)
    {
        command.Parameters.Add(new NpgsqlParameter("a", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = slots.Select(s => s.ActivityCode).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("u", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = slots.Select(s => s.Unit).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("g", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = slots.Select(s => s.Group).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("d", NpgsqlDbType.Array | NpgsqlDbType.Date) { Value = slots.Select(s => s.Date).ToArray() });
    }

    private static NpgsqlParameter IntArray(string name, IEnumerable<int> values) =>
        new(name, NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = values.ToArray() };

    private static async Task<List<Guid>> IdsAsync(NpgsqlCommand command, CancellationToken cancellation)
    {
        var ids = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation)) ids.Add(reader.GetGuid(0));
        return ids;
    }
}
