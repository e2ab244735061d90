using PortailFamille.Domain.Bookings;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PortailFamille.Api.Tests.Support;

namespace PortailFamille.Api.Tests.Bookings;

/// <summary>The seat table refuses, on its own, what the booking desk must never write.</summary>
public class SeatBackstopTests(AppFixture app) : ApiTest(app)
{
    private async Task<int> Sql(string sql)
    {
        await using var command = Host.Services.CommuneDataSource().CreateCommand(sql);
        return await command.ExecuteNonQueryAsync();
    }

    private const string Monday = "activity_code = 'CANTINE' and grp = 'PRIMAIRE' and unit = 'REPAS' and day = '2026-10-05'";

    [Fact]
    public async Task More_seats_than_capacity_or_a_negative_count_is_refused_by_the_database()
    {
        await Post("/api/staff/activities", ActivityBody(primaire: 2), await StaffToken(), 201);
        var first = await EnrolledChild("Durand");
        await Reserve(first.InscriptionId, first.Family.Token, ("2026-10-05", "book"));

        foreach (var write in new[] { "taken = capacity + 1", "taken = -1", "waiting = -1" })
            (await Should.ThrowAsync<PostgresException>(() => Sql($"update portail.seats set {write} where {Monday}")))
                .SqlState.ShouldBe(PostgresErrorCodes.CheckViolation, write);
        (await Sql($"update portail.seats set taken = capacity where {Monday}")).ShouldBe(1);
    }

    [Fact]
    public async Task Seats_a_lowered_capacity_left_in_place_are_tolerated_and_only_shrink()
    {
        await Post("/api/staff/activities", ActivityBody(primaire: 2), await StaffToken(), 201);
        var first = await EnrolledChild("Durand");
        var second = await EnrolledChild("Petit");
        await Reserve(first.InscriptionId, first.Family.Token, ("2026-10-05", "book"));
        await Reserve(second.InscriptionId, second.Family.Token, ("2026-10-05", "book"));

        await Put("/api/staff/activities/CANTINE/capacity", new { group = "PRIMAIRE", unit = "REPAS", capacity = 1 }, await StaffToken());
        // Two seats taken for a capacity of one: the staff decision stands.
        (await Sql($"update portail.seats set waiting = waiting where {Monday} and taken = 2 and capacity = 1")).ShouldBe(1);
        await Reserve(first.InscriptionId, first.Family.Token, ("2026-10-05", "cancel"));
        // One seat given back: the tolerance shrinks with it, so it cannot be taken again behind the desk's back.
        (await Should.ThrowAsync<PostgresException>(() => Sql($"update portail.seats set taken = 2 where {Monday}")))
            .SqlState.ShouldBe(PostgresErrorCodes.CheckViolation);
        (await StateOn(second.InscriptionId, second.Family.Token, "2026-10-05")).ShouldBe(CellState.Booked);
    }
}
