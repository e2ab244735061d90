using JasperFx.Events.Projections;
using Marten;
using Npgsql;

namespace PortailFamille.Api.Infrastructure;

public static class HealthEndpoint
{
    /// <summary>200 while the commune's database answers (503 otherwise), with its asynchronous projections' progress: each
    /// one's last processed sequence against the store's high-water mark; and the node's booking desks' counters.</summary>
    public static async Task<IResult> Get(CommuneDatabase dataSource, IDocumentStore store, CommuneContext commune, Bookings.BookingDesks desk,
        CancellationToken cancellation)
    {
        try
        {
            await using var command = dataSource.CreateCommand("select 1");
            await command.ExecuteScalarAsync(cancellation);
            var progress = await store.Advanced.AllProjectionProgress(commune.TenantId, cancellation);
            // Messages that exhausted their retries (a mail that never left, a reconciliation that kept failing).
            await using var deadLetters = dataSource.CreateCommand($"select count(*) from {MartenSetup.Schema}.wolverine_dead_letters");
            var deadLetterCount = (long)(await deadLetters.ExecuteScalarAsync(cancellation))!;
            // PayFiP answers that did not match their payment: nothing was credited, the régie must look.
            await using var query = store.QuerySession(commune.TenantId);
            var mismatches = await query.Query<Payments.PayFiPMismatch>().CountAsync(cancellation);
            var highWaterMark = progress.FirstOrDefault(p => p.ShardName == ShardState.HighWaterMark)?.Sequence ?? 0;
            var projections = progress.Where(p => p.ShardName != ShardState.HighWaterMark)
                .Select(p => new { name = p.ShardName, sequence = p.Sequence, behind = Math.Max(0, highWaterMark - p.Sequence) })
                .OrderBy(p => p.name).ToList();
            return Results.Ok(new
            {
                status = "healthy", commune = commune.Id, database = "up",
                daemon = new { highWaterMark, projections },
                messages = new { deadLetters = deadLetterCount },
                payfip = new { mismatches },
                bookingDesk = new
                {
                    batches = desk.Batches, retries = desk.Retries,
                    phaseMs = desk.PhaseTicks.Select(t => t * 1000 / System.Diagnostics.Stopwatch.Frequency).ToArray(),
                },
            });
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            return Results.Json(new { status = "unhealthy", database = "down" }, statusCode: 503);
        }
    }
}
