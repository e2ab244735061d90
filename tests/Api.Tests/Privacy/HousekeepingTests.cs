using Alba;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Npgsql;
using PortailFamille.Api.Privacy;
using PortailFamille.Api.Tests.Support;
using Wolverine.Tracking;

namespace PortailFamille.Api.Tests.Privacy;

public class HousekeepingTests(AppFixture app) : ApiTest(app)
{
    private async Task<long> Count(string table)
    {
        await using var command = Host.Services.CommuneDataSource().CreateCommand($"select count(*) from portail.{table}");
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task The_daily_housekeeping_purges_what_lives_for_hours_and_runs_once_a_day()
    {
        await Post("/api/auth/login", new { email = "inconnu@nulle.part", password = "Mauvais-2026!" }, null, 401);
        var staff = await StaffToken();
        await Host.Scenario(s =>
        {
            s.Post.Json(FamilyBody("Menage")).ToUrl("/api/staff/families");
            s.WithBearerToken(staff);
            s.WithRequestHeader("Idempotency-Key", "menage-1");
            s.StatusCodeShouldBe(201);
        });
        await MailTo("menage@famille.test", "Activez");
        (await Count("login_throttle")).ShouldBe(1);
        (await Count("mt_doc_onetimetoken")).ShouldBe(1);
        (await Count("idempotency")).ShouldBe(1);

        // The activation link expired after 7 days and is kept 3 more; the rest lives for minutes or a day.
        Advance(Duration.FromDays(11));
        var day = new LocalDate(2026, 9, 25);
        await Host.InvokeMessageAndWaitAsync(new DailyHousekeeping(day));
        (await Count("login_throttle")).ShouldBe(0);
        (await Count("mt_doc_onetimetoken")).ShouldBe(0);
        (await Count("idempotency")).ShouldBe(0);

        // The same day again (a second node, a redelivery): nothing runs.
        await Post("/api/auth/login", new { email = "inconnu@nulle.part", password = "Mauvais-2026!" }, null, 401);
        Advance(Duration.FromHours(1));
        await Host.InvokeMessageAndWaitAsync(new DailyHousekeeping(day));
        (await Count("login_throttle")).ShouldBe(1);
        await Host.InvokeMessageAndWaitAsync(new DailyHousekeeping(day.PlusDays(1)));
        (await Count("login_throttle")).ShouldBe(0);
    }

    [Fact]
    public async Task The_next_days_housekeeping_waits_in_the_durable_schedule_with_its_day_and_its_commune()
    {
        var day = new LocalDate(2026, 10, 2);
        await Host.InvokeMessageAndWaitAsync(new DailyHousekeeping(day));
        // Stored as the message would be read back by whichever node runs it: a LocalDate without NodaTime's converters
        // would come back as 0001-01-01 and the schedule would run every day's work at once. Due in the future of the
        // machine's clock too, though the test's clock stands months behind it: the wait is counted on the portal's clock.
        await using var command = Host.Services.CommuneDataSource().CreateCommand(
            "select count(*) from portail.wolverine_incoming_envelopes where status = 'Scheduled' and message_type like '%DailyHousekeeping' " +
            "and execution_time > now() + interval '1 hour' " +
            "and encode(body, 'escape') like '%\"day\":\"2026-10-03\"%' and encode(body, 'escape') like '%tenant-id%'");
        ((long)(await command.ExecuteScalarAsync())!).ShouldBe(1);
    }
}
