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
        await using var command = Host.Services.GetRequiredService<NpgsqlDataSource>().CreateCommand($"select count(*) from portail.{table}");
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
}
