using PortailFamille.Domain.Bookings;
using Alba;
using Marten;
using PortailFamille.Api.Tests.Support;
using PortailFamille.Domain.Activities;

namespace PortailFamille.Api.Tests.Activities;

public class ActivityTests(AppFixture app) : ApiTest(app)
{
    [Fact]
    public async Task Staff_creates_an_activity_everyone_can_read()
    {
        var created = await Post("/api/staff/activities", ActivityBody(), await StaffToken(), 201);
        created!["code"]!.GetValue<string>().ShouldBe("CANTINE");
        var family = await NewFamily();
        var activity = (await Get("/api/activities", family.Token))!.AsArray().Single()!;
        activity["label"]!.GetValue<string>().ShouldBe("CANTINE 2026-2027");
        activity["weekdays"]!.AsArray().Select(d => d!.GetValue<string>()).ShouldBe(["monday", "tuesday", "thursday", "friday"]);
        activity["mealUnits"]!.AsArray().Single()!.GetValue<string>().ShouldBe("REPAS");
        activity["groups"]![1]!["capacity"]!["REPAS"]!.GetValue<int>().ShouldBe(64);
        activity["bookingDeadline"]!["at"]!.GetValue<string>().ShouldBe("10:00");
        activity["validation"]!.GetValue<string>().ShouldBe("automatic");
        await Get("/api/activities", null, 401);
    }

    [Fact]
    public async Task Every_rule_change_is_in_the_activitys_history_with_its_author()
    {
        await CreateActivity();
        var staff = await StaffToken();
        Advance(NodaTime.Duration.FromMinutes(1));
        await Put("/api/staff/activities/CANTINE/capacity", new { group = "PRIMAIRE", unit = "REPAS", capacity = 70 }, staff);
        await Put("/api/staff/activities/CANTINE/tariffs", new
        {
            effectiveFrom = "2027-01-01", tariffs = new[] { new { fromQf = 0, priceCents = new Dictionary<string, int> { ["REPAS"] = 300 } } },
        }, staff);

        var history = (await Get("/api/staff/activities/CANTINE/history", staff))!;
        var changes = history["changes"]!.AsArray();
        changes.Select(c => c!["sequence"]!.GetValue<long>()).ShouldBe([1L, 2L, 3L]);
        changes[0]!["description"]!.GetValue<string>().ShouldStartWith("Activité créée : CANTINE 2026-2027");
        changes[1]!["description"]!.GetValue<string>().ShouldBe("Capacité du groupe PRIMAIRE pour REPAS portée à 70 place(s).");
        changes[1]!["by"]!.GetValue<string>().ShouldStartWith("staff:");
        changes[1]!["at"]!.GetValue<string>().ShouldBe("2026-09-14T08:01:00Z");
        changes[2]!["description"]!.GetValue<string>().ShouldContain("à partir du 01/01/2027");
        history["tariffGrids"]!.AsArray().Select(g => g!["effectiveFrom"]!.GetValue<string>()).ShouldBe(["2026-09-01", "2027-01-01"]);

        await Get("/api/staff/activities/PISCINE/history", staff, 404);
        await Get("/api/staff/activities/CANTINE/history", (await NewFamily()).Token, 403);
    }

    [Fact]
    public async Task Staff_switch_an_activity_to_validation_by_the_mairie_and_back()
    {
        await CreateActivity();
        var child = await EnrolledChild();
        var staff = await StaffToken();
        await Put("/api/staff/activities/CANTINE/validation", new { validation = "manual" }, staff);
        (await Reserve(child.InscriptionId, child.Family.Token, ("2026-10-05", "book")))[0].Outcome.ShouldBe(Outcome.Requested);
        await Put("/api/staff/activities/CANTINE/validation", new { validation = "automatic" }, staff);
        await Put("/api/staff/activities/CANTINE/validation", new { validation = "automatic" }, staff); // the same mode: nothing recorded
        (await Reserve(child.InscriptionId, child.Family.Token, ("2026-10-06", "book")))[0].Outcome.ShouldBe(Outcome.Booked);
        (await StateOn(child.InscriptionId, child.Family.Token, "2026-10-05")).ShouldBe(CellState.Requested); // still the mairie's to decide
        var history = (await Get("/api/staff/activities/CANTINE/history", staff))!["changes"]!.AsArray();
        history.Select(c => c!["type"]!.GetValue<string>()).Count(t => t == "validation-changed").ShouldBe(2);

        await Put("/api/staff/activities/CANTINE/validation", new { validation = "auto" }, staff, 400);
        await Put("/api/staff/activities/PISCINE/validation", new { validation = "manual" }, staff, 404);
        await Put("/api/staff/activities/CANTINE/validation", new { validation = "manual" }, child.Family.Token, 403);
        (await Get("/api/activities", staff))!.AsArray().Single()!["validation"]!.GetValue<string>().ShouldBe("automatic");
    }

    [Fact]
    public async Task A_code_is_used_once()
    {
        await CreateActivity();
        await Post("/api/staff/activities", ActivityBody(), await StaffToken(), 409);
    }

    [Fact]
    public async Task Tariff_brackets_with_a_gap_or_an_overlap_are_refused()
    {
        var staff = await StaffToken();
        var gap = Tariffs(new { fromQf = 0, toQf = 500 }, new { fromQf = 600 });
        var overlap = Tariffs(new { fromQf = 0, toQf = 600 }, new { fromQf = 500 });
        var notFromZero = Tariffs(new { fromQf = 100 });
        foreach (var tariffs in new[] { gap, overlap, notFromZero })
        {
            var problem = await Post("/api/staff/activities", With(ActivityBody(), "tariffs", tariffs), staff, 400);
            problem!["errors"]!["tariffs"].ShouldNotBeNull();
        }
    }

    [Theory]
    [InlineData("weekdays", new[] { "lundi" })]
    [InlineData("units", new string[0])]
    [InlineData("validation", "sometimes")]
    [InlineData("code", "avec espace")]
    [InlineData("mealUnits", new[] { "GOUTER" })]
    public async Task Invalid_definitions_are_400(string field, object value) =>
        await Post("/api/staff/activities", With(ActivityBody(), field, value), await StaffToken(), 400);

    [Fact]
    public async Task Impossible_dates_and_deadlines_are_400()
    {
        var staff = await StaffToken();
        await Post("/api/staff/activities", With(ActivityBody(), "to", "2026-02-30"), staff, 400);
        await Post("/api/staff/activities", With(ActivityBody(), "from", "2027-09-01"), staff, 400);
        await Post("/api/staff/activities", With(ActivityBody(), "bookingDeadline", new { daysBefore = -1, workingDays = true, at = "10:00" }), staff, 400);
        await Post("/api/staff/activities", With(ActivityBody(), "bookingDeadline", new { daysBefore = 2, workingDays = true, at = "25:00" }), staff, 400);
    }

    [Fact]
    public async Task Capacity_deadlines_and_tariffs_change_as_events_with_their_instant()
    {
        await CreateActivity();
        var staff = await StaffToken();
        await Put("/api/staff/activities/CANTINE/capacity", new { group = "PRIMAIRE", unit = "REPAS", capacity = 70 }, staff);
        await Put("/api/staff/activities/CANTINE/deadlines", new
        {
            bookingDeadline = new { daysBefore = 1, workingDays = true, at = "18:00" },
            cancellationDeadline = new { daysBefore = 0, workingDays = false, at = "09:00" },
        }, staff);
        await Put("/api/staff/activities/CANTINE/tariffs", new
        {
            effectiveFrom = "2027-01-01",
            tariffs = new object[] { new { fromQf = 0, priceCents = new Dictionary<string, int> { ["REPAS"] = 200 } } },
        }, staff);

        var activity = (await Get("/api/activities", staff))![0]!;
        activity["groups"]![1]!["capacity"]!["REPAS"]!.GetValue<int>().ShouldBe(70);
        activity["cancellationDeadline"]!["at"]!.GetValue<string>().ShouldBe("09:00");
        activity["tariffs"]![0]!["priceCents"]!["REPAS"]!.GetValue<int>().ShouldBe(100); // 2027 grid not in force yet

        await using var session = Host.DocumentStore().QuerySession(AppFixture.TenantId);
        var events = await session.Events.FetchStreamAsync(Activity.StreamIdFor("CANTINE"));
        events.Select(e => e.EventType).ShouldBe([typeof(ActivityCreated), typeof(CapacityChanged), typeof(DeadlinesChanged), typeof(TariffsChanged)]);
        var change = (CapacityChanged)events[1].Data;
        change.At.ShouldBe(AppFixture.DefaultNow);
        change.By.ToString().ShouldStartWith("staff:");
    }

    [Fact]
    public async Task Changes_to_an_unknown_activity_group_or_unit_are_refused()
    {
        await CreateActivity();
        var staff = await StaffToken();
        await Put("/api/staff/activities/GOUTER/capacity", new { group = "PRIMAIRE", unit = "REPAS", capacity = 70 }, staff, 404);
        await Put("/api/staff/activities/CANTINE/capacity", new { group = "COLLEGE", unit = "REPAS", capacity = 70 }, staff, 400);
        await Put("/api/staff/activities/CANTINE/capacity", new { group = "PRIMAIRE", unit = "SOIR", capacity = 70 }, staff, 400);
        await Put("/api/staff/activities/CANTINE/capacity", new { group = "PRIMAIRE", unit = "REPAS", capacity = -1 }, staff, 400);
        await Put("/api/staff/activities/CANTINE/capacity", new { group = "PRIMAIRE", unit = "REPAS", capacity = "beaucoup" }, staff, 400);
        await Put("/api/staff/activities/CANTINE/tariffs", new { effectiveFrom = "2027-01-01", tariffs = Array.Empty<object>() }, staff, 400);
        var family = await NewFamily();
        await Put("/api/staff/activities/CANTINE/capacity", new { group = "PRIMAIRE", unit = "REPAS", capacity = 70 }, family.Token, 403);
        await Put("/api/staff/activities/CANTINE/capacity", new { group = "PRIMAIRE", unit = "REPAS", capacity = 70 }, null, 401);
        await using var session = Host.DocumentStore().QuerySession(AppFixture.TenantId);
        (await session.Events.FetchStreamAsync(Activity.StreamIdFor("CANTINE"))).Count.ShouldBe(1);
    }

    private static object[] Tariffs(params object[] brackets) => brackets.Select(b =>
    {
        var dict = b.GetType().GetProperties().ToDictionary(p => p.Name, p => p.GetValue(b));
        dict["priceCents"] = new Dictionary<string, int> { ["REPAS"] = 100 };
        return (object)dict;
    }).ToArray();

    private static Dictionary<string, object?> With(object body, string field, object? value)
    {
        var dict = body.GetType().GetProperties().ToDictionary(p => p.Name, p => p.GetValue(body));
        dict[field] = value;
        return dict;
    }
}
