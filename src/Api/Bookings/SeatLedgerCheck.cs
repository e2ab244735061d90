using Marten;
using Npgsql;
using NodaTime;
using PortailFamille.Api.Infrastructure;
using PortailFamille.Domain.Bookings;
using PortailFamille.Domain.Inscriptions;

namespace PortailFamille.Api.Bookings;

/// <summary>
/// Compares the seat guard (taken, waiting, queue members) with what the inscription streams say,
/// slot by slot. Used by the tests and by operations to prove the guard equals a rebuild from events.
/// </summary>
public static class SeatLedgerCheck
{
    public static async Task<IReadOnlyList<string>> DifferencesAsync(IDocumentStore store, string tenantId, NpgsqlDataSource dataSource,
        CancellationToken cancellation = default)
    {
        var expected = new Dictionary<string, (int Taken, int Waiting, HashSet<Guid> Queue)>();
        await using (var session = store.QuerySession(tenantId))
        {
            foreach (var inscription in await session.Query<Inscription>().ToListAsync(cancellation))
            foreach (var (key, cell) in inscription.Cells)
            {
                if (!cell.Status.HoldsSeat() && cell.Status != CellStatus.Waitlisted) continue;
                var slot = inscription.SlotOf(key, cell);
                var (taken, waiting, queue) = expected.GetValueOrDefault(slot.Key, (0, 0, new HashSet<Guid>()));
                if (cell.Status == CellStatus.Waitlisted) queue.Add(inscription.Id);
                expected[slot.Key] = cell.Status.HoldsSeat() ? (taken + 1, waiting, queue) : (taken, waiting + 1, queue);
            }
        }

        var actual = new Dictionary<string, (int Taken, int Waiting, HashSet<Guid> Queue)>();
        await using (var command = dataSource.CreateCommand(
            $"select activity_code, grp, unit, day, taken, waiting from {MartenSetup.Schema}.{SeatTables.Seats} where taken > 0 or waiting > 0"))
        await using (var reader = await command.ExecuteReaderAsync(cancellation))
            while (await reader.ReadAsync(cancellation))
                actual[new Slot(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<LocalDate>(3)).Key] =
                    (reader.GetInt32(4), reader.GetInt32(5), []);
        await using (var command = dataSource.CreateCommand(
            $"select activity_code, grp, unit, day, inscription_id from {MartenSetup.Schema}.{SeatTables.Waitlist}"))
        await using (var reader = await command.ExecuteReaderAsync(cancellation))
            while (await reader.ReadAsync(cancellation))
            {
                var key = new Slot(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<LocalDate>(3)).Key;
                if (!actual.TryGetValue(key, out var row)) actual[key] = row = (0, 0, []);
                row.Queue.Add(reader.GetGuid(4));
            }

        var differences = new List<string>();
        foreach (var key in expected.Keys.Union(actual.Keys).Order(StringComparer.Ordinal))
        {
            var e = expected.GetValueOrDefault(key, (0, 0, []));
            var a = actual.GetValueOrDefault(key, (0, 0, []));
            if (e.Taken != a.Taken || e.Waiting != a.Waiting || !e.Queue.SetEquals(a.Queue))
                differences.Add($"{key}: streams say {e.Taken} taken, {e.Waiting} waiting; seat rows say {a.Taken} taken, {a.Waiting} waiting" +
                    (e.Queue.SetEquals(a.Queue) ? "" : "; the queues differ"));
        }
        return differences;
    }
}
