using Npgsql;

namespace PortailFamille.Api.Infrastructure;

public static class HealthEndpoint
{
    public static async Task<IResult> Get(NpgsqlDataSource dataSource, Bookings.BookingDesk desk, CancellationToken cancellation)
    {
        try
        {
            await using var command = dataSource.CreateCommand("select 1");
            await command.ExecuteScalarAsync(cancellation);
            return Results.Ok(new { status = "healthy", database = "up", bookingDesk = new { batches = desk.Batches, retries = desk.Retries, phaseMs = desk.PhaseTicks.Select(t => t * 1000 / System.Diagnostics.Stopwatch.Frequency).ToArray() } });
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            return Results.Json(new { status = "unhealthy", database = "down" }, statusCode: 503);
        }
    }
}
