using System.Threading.Channels;
using JasperFx;
using Npgsql;
using NodaTime;
using PortailFamille.Api.Infrastructure;
using PortailFamille.Domain.Calendar;
using Wolverine.Marten.Publishing;
using Wolverine.Runtime;

namespace PortailFamille.Api.Bookings;

/// <summary>The booking desk of the scope's commune: what endpoints and services submit their works to.</summary>
public sealed class BookingDesk(BookingDesks desks, CommuneContext commune)
{
    /// <summary>Submits the work and answers the request from its result (a keyed request's answer commits with the work).</summary>
    public async Task<IResult> AnswerAsync<T>(DeskWork work, Func<T?, IResult> answer, CancellationToken cancellation) where T : class
    {
        work.Answer = result => answer((T?)result);
        return answer(await SubmitAsync<T>(work, cancellation));
    }

    public Task<T?> SubmitAsync<T>(DeskWork work, CancellationToken cancellation = default) where T : class =>
        desks.SubmitAsync<T>(commune.Entry, work, cancellation);
}

/// <summary>
/// Every decision that takes or gives back seats goes through a desk: one loop per commune and process that takes
/// up to <see cref="MaxBatch"/> waiting works and decides them in one transaction. Batching is what makes
/// the opening-day rush fast (one commit for many requests); the seat rows locked in one global order
/// inside that transaction are what keep capacity exact when several API processes share the database.
/// A batch never mixes communes, and one commune's rush does not queue another's works.
/// </summary>
public sealed class BookingDesks(
    CommuneDirectory communes, OutboxedSessionFactory sessions, IWolverineRuntime wolverine, IClock clock,
    ILogger<BookingDesks> logger) : BackgroundService
{
    public const int MaxBatch = 64;
    private const int MaxAttempts = 6;

    private readonly Dictionary<string, Channel<DeskWork>> _queues = communes.All.ToDictionary(c => c.Id,
        _ => Channel.CreateUnbounded<DeskWork>(new UnboundedChannelOptions { SingleReader = true }));

    /// <summary>Counters for the benchmark report: batches, retries, and time spent per phase
    /// (read, lock, decide, write seats and refill, prepare events and mails, save, flush).</summary>
    public long Batches, Retries;
    public readonly long[] PhaseTicks = new long[7];

    private void Mark(ref long since, int phase)
    {
        var now = System.Diagnostics.Stopwatch.GetTimestamp();
        Interlocked.Add(ref PhaseTicks[phase], now - since);
        since = now;
    }

    public async Task<T?> SubmitAsync<T>(CommuneEntry commune, DeskWork work, CancellationToken cancellation = default) where T : class
    {
        await _queues[commune.Id].Writer.WriteAsync(work, cancellation);
        return (T?)await work.Completion.Task.WaitAsync(cancellation);
    }

    protected override Task ExecuteAsync(CancellationToken stopping) =>
        Task.WhenAll(communes.All.Select(commune => RunDeskAsync(commune, _queues[commune.Id].Reader, stopping)));

    private async Task RunDeskAsync(CommuneEntry commune, ChannelReader<DeskWork> queue, CancellationToken stopping)
    {
        var pending = new List<DeskWork>();
        while (await queue.WaitToReadAsync(stopping))
        {
            pending.Clear();
            while (pending.Count < MaxBatch && queue.TryPeek(out var next))
            {
                // Big works go alone; small ones share a transaction.
                if (next.RunsAlone && pending.Count > 0) break;
                queue.TryRead(out _);
                pending.Add(next);
                if (next.RunsAlone) break;
            }
            await ProcessAsync(commune, pending.ToList(), stopping);
        }
    }

    private async Task ProcessAsync(CommuneEntry commune, List<DeskWork> works, CancellationToken cancellation)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var results = await RunOnceAsync(commune, works, cancellation);
                Interlocked.Increment(ref Batches);
                for (var i = 0; i < works.Count; i++) works[i].Completion.TrySetResult(results[i]);
                return;
            }
            catch (Exception e) when (IsTransient(e) && attempt < MaxAttempts && !cancellation.IsCancellationRequested)
            {
                // Another process changed one of these streams or holds the rows: read again and decide again.
                Interlocked.Increment(ref Retries);
                await Task.Delay(Random.Shared.Next(1, 10 * attempt), cancellation);
            }
            catch (Exception e) when (works.Count > 1 && !cancellation.IsCancellationRequested)
            {
                logger.LogWarning(e, "A booking batch of {Count} failed; deciding its works one by one", works.Count);
                foreach (var work in works) await ProcessAsync(commune, [work], cancellation);
                return;
            }
            catch (Exception e)
            {
                foreach (var work in works) work.Completion.TrySetException(e);
                return;
            }
        }
    }

    private async Task<object?[]> RunOnceAsync(CommuneEntry commune, List<DeskWork> works, CancellationToken cancellation)
    {
        var t = System.Diagnostics.Stopwatch.GetTimestamp();
        // The commune's database, and its outbox for the batch's e-mails.
        var context = new Wolverine.Runtime.MessageContext(wolverine) { TenantId = commune.TenantId };
        await using var session = sessions.OpenSession(context);
        session.CorrelationId = $"desk-batch:{Interlocked.Read(ref Batches) + 1}";
        session.CausationId = "booking-desk";
        await session.BeginTransactionAsync(cancellation);
        var batch = new DeskBatch(session, clock.GetCurrentInstant(), commune.Commune, commune.Holidays);

        await batch.LoadInscriptionsAsync(works.SelectMany(w => w.InscriptionIds), cancellation);
        foreach (var work in works) await work.PrepareAsync(batch, cancellation);
        await batch.LoadShuttleSidesAsync(cancellation);
        await batch.LoadRulesAsync(cancellation, works.OfType<ICalendarChange>().SelectMany(w => w.AddedPeriods));
        Mark(ref t, 0);

        var slots = new List<Domain.Bookings.Slot>();
        foreach (var work in works) slots.AddRange(await work.SlotsToLockAsync(batch, cancellation));
        slots.AddRange(batch.ShuttleSlotsAlong(slots).ToList());
        batch.Seats = new Domain.Bookings.SeatLedger(await SeatLedgerStore.LockAsync(batch.Connection, slots, cancellation));
        Mark(ref t, 1);

        var results = works.Select(w =>
        {
            batch.DecidingFor = w.Causation;
            return w.Decide(batch);
        }).ToArray();
        batch.DecidingFor = null;
        batch.CascadeShuttles();
        Mark(ref t, 2);
        await SeatLedgerStore.WriteAsync(batch.Connection, batch.Seats, (0, 0), cancellation);
        var written = (batch.Seats.Enqueued.Count, batch.Seats.Dequeued.Count);
        await batch.RefillAsync(cancellation);
        await SeatLedgerStore.WriteAsync(batch.Connection, batch.Seats, written, cancellation);
        Mark(ref t, 3);

        batch.AppendInscriptionEvents();
        foreach (var mail in await batch.MailsAsync(cancellation)) await context.PublishAsync(mail);
        for (var i = 0; i < works.Count; i++)
        {
            if (works[i] is { Idempotency: { } scope, Answer: { } answer })
            {
                await scope.StageAsync(answer(results[i]));
                scope.MarkCommitted(session);
            }
            else works[i].Idempotency?.MarkCommitted(session);
        }
        Mark(ref t, 4);
        await session.SaveChangesAsync(cancellation);
        Mark(ref t, 5);
        await context.FlushOutgoingMessagesAsync();
        Mark(ref t, 6);
        return results;
    }

    private static bool IsTransient(Exception e)
    {
        for (var x = e; x is not null; x = x.InnerException)
            if (x is ConcurrencyException or PostgresException { SqlState: PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure })
                return true;
        return false;
    }
}

/// <summary>A work that adds closed days: the rules of its transaction must already see them.</summary>
public interface ICalendarChange
{
    IEnumerable<CalendarPeriod> AddedPeriods { get; }
}
