using JasperFx;
using Marten;
using Npgsql;
using NodaTime;
using PortailFamille.Api.Accounts;
using PortailFamille.Api.Infrastructure;
using PortailFamille.Domain.Accounts;
using Wolverine;

namespace PortailFamille.Api.Privacy;

/// <summary>
/// The daily work of the retention rules, run once per cluster: a durable scheduled message (not a timer in every
/// process) that erases the families past their retention period, purges what only lives for hours (login
/// counts, expired links, idempotency records, handled message envelopes), then schedules the next day's.
/// </summary>
public sealed record DailyHousekeeping(LocalDate Day);

/// <summary>A day whose housekeeping ran (document id = the ISO date): a second message for the same day does nothing.</summary>
public sealed class HousekeepingRun
{
    public string Id { get; set; } = "";
    public Instant At { get; set; }
}

/// <summary>Rows deleted by one purge.</summary>
public sealed record HousekeepingReport(int LoginCounts, int Links, int IdempotencyRecords, int Envelopes);

public static class DailyHousekeepingHandler
{
    /// <summary>When the next run is due: 03:00 in the commune the day after.</summary>
    public static DateTimeOffset NextRun(LocalDate day, DateTimeZone zone) =>
        day.PlusDays(1).At(new LocalTime(3, 0)).InZoneLeniently(zone).ToDateTimeOffset();

    /// <summary>Schedules the housekeeping of <paramref name="day"/> (due at its 03:00), or of today when that day is already
    /// past: a portal that was down for days runs once, not once per missed day. The wait is measured on the
    /// application's clock, which Wolverine's schedule (the machine's clock) does not know; with a clock set back (a
    /// demo, a benchmark) a date in the past would otherwise run at once, then the next day's, and so on.</summary>
    public static ValueTask ScheduleAsync(IMessageBus bus, LocalDate day, CommuneEntry commune, IClock clock)
    {
        var now = clock.GetCurrentInstant();
        var due = LocalDate.Max(day, now.InZone(commune.Commune.Zone).Date);
        var wait = Instant.FromDateTimeOffset(NextRun(due.PlusDays(-1), commune.Commune.Zone)) - now;
        return bus.ScheduleAsync(new DailyHousekeeping(due), wait < Duration.Zero ? TimeSpan.Zero : wait.ToTimeSpan(),
            new DeliveryOptions { TenantId = commune.TenantId });
    }

    public static async Task Handle(DailyHousekeeping message, Envelope envelope, CommuneDirectory communes, IServiceScopeFactory scopes,
        IDocumentStore store, IMessageBus bus, IClock clock, ILogger<HousekeepingRun> logger, CancellationToken cancellation)
    {
        // Each commune has its own message in its own database, and its own marker of the day.
        var entry = communes.OfMessage(envelope);
        await using (var session = store.LightweightSession(entry.TenantId))
        {
            session.Insert(new HousekeepingRun { Id = message.Day.ToString(), At = clock.GetCurrentInstant() });
            try
            {
                await session.SaveChangesAsync(cancellation);
            }
            catch (DocumentAlreadyExistsException)
            {
                return; // another node ran this day already (and scheduled the next one)
            }
        }
        await using var scope = scopes.ForCommune(entry);
        var erased = await scope.ServiceProvider.GetRequiredService<RetentionSweep>().RunOnceAsync(cancellation);
        var purged = await scope.ServiceProvider.GetRequiredService<Housekeeping>().PurgeAsync(cancellation);
        logger.LogInformation("Housekeeping of {Commune} for {Day}: {Erased} families erased, {Purged}", entry.Id, message.Day, erased, purged);
        await ScheduleAsync(bus, message.Day.PlusDays(1), entry, clock);
    }
}

/// <summary>Deletes what the register keeps only for hours.</summary>
public sealed class Housekeeping(CommuneDatabase dataSource, IClock clock)
{
    public static readonly Duration LinksKeptFor = Duration.FromHours(72);
    public static readonly Duration EnvelopesKeptFor = Duration.FromHours(24);

    public async Task<HousekeepingReport> PurgeAsync(CancellationToken cancellation)
    {
        var now = clock.GetCurrentInstant();
        async Task<int> Delete(string sql, Instant before)
        {
            await using var command = dataSource.CreateCommand(sql);
            command.Parameters.AddWithValue("before", before);
            return await command.ExecuteNonQueryAsync(cancellation);
        }
        var s = MartenSetup.Schema;
        return new HousekeepingReport(
            await Delete($"delete from {s}.{LoginThrottle.Table} where window_start < @before", now - AccountRules.LockoutWindow),
            // A link expired (or used or revoked) for three days is of no use to anyone, even to explain a complaint.
            // SQL on the document table: Marten's LINQ cannot compare a NodaTime Instant without Marten.NodaTime, not served here.
            await Delete($"delete from {s}.mt_doc_onetimetoken where (data ->> 'ExpiresAt')::timestamptz < @before", now - LinksKeptFor),
            await Delete($"delete from {s}.idempotency where created_at < @before", now - Idempotency.KeptFor),
            // Wolverine's own clock, not the application's: these rows are stamped with the machine's time.
            await Delete($"delete from {s}.wolverine_incoming_envelopes where status = 'Handled' and keep_until < @before",
                Instant.FromDateTimeUtc(DateTime.UtcNow) - EnvelopesKeptFor));
    }
}

/// <summary>Makes sure each commune has one housekeeping message waiting in the durable schedule (at start-up, on every node).</summary>
public sealed class HousekeepingScheduler(CommuneDirectory communes, CommuneDatabases databases, IServiceProvider services, IClock clock) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellation)
    {
        foreach (var commune in communes.All)
        {
            // A commune's scheduled messages are kept in its own database (with one commune, the only one).
            await using var command = databases.For(commune).CreateCommand(
                $"select count(*) from {MartenSetup.Schema}.wolverine_incoming_envelopes where status = 'Scheduled' and message_type like '%DailyHousekeeping%'");
            if ((long)(await command.ExecuteScalarAsync(cancellation))! > 0) continue;
            // Two nodes starting together may both schedule one: the day's marker lets only one of them work.
            await using var scope = services.CreateAsyncScope();
            await DailyHousekeepingHandler.ScheduleAsync(scope.ServiceProvider.GetRequiredService<IMessageBus>(), Dates.Today(clock, commune.Commune.Zone),
                commune, clock);
        }
    }

    public Task StopAsync(CancellationToken cancellation) => Task.CompletedTask;
}
