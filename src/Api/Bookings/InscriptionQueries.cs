using Marten;
using NodaTime;
using NodaTime.Text;
using Npgsql;
using PortailFamille.Domain.Inscriptions;

namespace PortailFamille.Api.Bookings;

/// <summary>The questions asked of the inscriptions by day or by pending work, answered from the members their inline
/// snapshot keeps for them (<see cref="Inscription.HeldDays"/>, <see cref="Inscription.PendingCount"/>) through Marten's
/// LINQ, and from the desk's own queue table.</summary>
public static class InscriptionQueries
{
    /// <summary>Inscriptions with a seat, a request or a queue place on one of the days (ISO dates): their ids, for the desk to
    /// load and lock.</summary>
    public static Task<IReadOnlyList<Guid>> HoldingAsync(IQuerySession session, IEnumerable<string> days, CancellationToken cancellation) =>
        Holding(session, days).Select(i => i.Id).ToListAsync(cancellation);

    /// <summary>The same inscriptions, to read.</summary>
    public static Task<IReadOnlyList<Inscription>> HoldingOnAsync(IQuerySession session, IEnumerable<LocalDate> days, CancellationToken cancellation) =>
        Holding(session, days.Select(d => LocalDatePattern.Iso.Format(d))).ToListAsync(cancellation);

    private static IQueryable<Inscription> Holding(IQuerySession session, IEnumerable<string> days)
    {
        var wanted = days.ToArray();
        return session.Query<Inscription>().Where(i => i.HeldDays.Any(d => wanted.Contains(d)));
    }

    /// <summary>The next <paramref name="count"/> inscriptions after <paramref name="after"/>, in PostgreSQL's uuid order, that
    /// have an undecided request or a queue place on a day up to <paramref name="horizon"/>.</summary>
    public static async Task<List<Guid>> WithPendingWorkAsync(IDocumentSession session, LocalDate horizon, Guid after, int count,
        CancellationToken cancellation)
    {
        var requesting = await session.Query<Inscription>().Where(i => i.PendingCount > 0 && i.Id.CompareTo(after) > 0)
            .OrderBy(i => i.Id).Take(count).Select(i => i.Id).ToListAsync(cancellation);
        var queued = await SeatLedgerStore.QueuedAfterAsync((NpgsqlConnection)session.Connection!, horizon, after, count, cancellation);
        // Guid.CompareTo orders as PostgreSQL orders uuids (UuidOrderTests), so the two pages merge into one.
        return requesting.Union(queued).Order().Take(count).ToList();
    }
}
