using PortailFamille.Domain.Bookings;
using PortailFamille.Domain.Calendar;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using PortailFamille.Api.Tests.Support;

namespace PortailFamille.Api.Tests.Calendar;

public class CalendarTests(AppFixture app) : ApiTest(app)
{
    [Fact]
    public async Task Every_date_of_the_range_says_whether_it_is_closed_and_why()
    {
        var family = await NewFamily();
        var days = await Get<List<PortailFamille.Api.Calendar.CalendarDay>>("/api/calendar?from=2026-10-16&to=2026-11-11", family.Token);
        days.Count.ShouldBe(27);
        days[0].Closed.ShouldBeFalse();                          // Friday 16 Oct
        days[1].Closed.ShouldBeTrue();                           // Saturday: closed, no reason
        days[1].Reason.ShouldBeNull();
        days[3].Reason.ShouldBe(ClosureReason.SchoolHoliday);             // Monday 19 Oct, Toussaint
        days[3].Label.ShouldBe("Vacances de la Toussaint");
        days[17].Closed.ShouldBeFalse();                                        // Monday 2 Nov, back to school
        days[26].Reason.ShouldBe(ClosureReason.PublicHoliday);         // Wednesday 11 Nov
    }

    [Theory]
    [InlineData("from=2026-10-01")]
    [InlineData("from=2026-10-01&to=2026-13-01")]
    [InlineData("from=2026-10-10&to=2026-10-01")]
    [InlineData("from=2026-01-01&to=2027-12-31")]
    [InlineData("from=hier&to=demain")]
    public async Task Bad_ranges_are_400(string query) =>
        await Get($"/api/calendar?{query}", await StaffToken(), 400);

    [Fact]
    public async Task Staff_adds_a_closure_and_the_day_becomes_closed()
    {
        var staff = await StaffToken();
        var created = await Post("/api/staff/calendar/closures", new { from = "2026-10-05", to = "2026-10-05", reason = "closure", label = "Pont communal" }, staff, 201);
        Id(created, "periodId");
        var day = (await Get<List<PortailFamille.Api.Calendar.CalendarDay>>("/api/calendar?from=2026-10-05&to=2026-10-05", staff)).Single();
        day.Closed.ShouldBeTrue();
        day.Reason.ShouldBe(ClosureReason.Closure);
        day.Label.ShouldBe("Pont communal");

        await Delete($"/api/staff/calendar/periods/{Id(created, "periodId")}", staff);
        (await Get("/api/calendar?from=2026-10-05&to=2026-10-05", staff))![0]!["closed"]!.GetValue<bool>().ShouldBeFalse();
        await Delete($"/api/staff/calendar/periods/{Guid.NewGuid()}", staff, 404);
    }

    [Fact]
    public async Task Closures_are_checked_and_kept_for_staff()
    {
        var staff = await StaffToken();
        await Post("/api/staff/calendar/closures", new { from = "2026-10-05", to = "2026-10-05", reason = "public-holiday", label = "X" }, staff, 400);
        await Post("/api/staff/calendar/closures", new { from = "2026-10-06", to = "2026-10-05", reason = "closure", label = "X" }, staff, 400);
        await Post("/api/staff/calendar/closures", new { from = "2026-10-05", to = "2026-10-05", reason = "closure", label = "" }, staff, 400);
        await Post("/api/staff/calendar/closures", new { from = "2026-10-05", to = "2026-10-05", reason = "closure" }, staff, 400);
        var family = await NewFamily();
        await Post("/api/staff/calendar/closures", new { from = "2026-10-05", to = "2026-10-05", reason = "closure", label = "X" }, family.Token, 403);
        await Post("/api/staff/calendar/closures", new { from = "2026-10-05", to = "2026-10-05", reason = "closure", label = "X" }, null, 401);
        (await Get("/api/calendar?from=2026-10-05&to=2026-10-05", staff))![0]!["closed"]!.GetValue<bool>().ShouldBeFalse();
    }

    [Fact]
    public async Task The_ministry_file_imports_once_and_adds_the_missing_periods()
    {
        var staff = await StaffToken();
        var removedSpring = (await Get("/api/staff/calendar/periods", staff))!.AsArray()
            .Single(p => p!["label"]!.GetValue<string>() == "Pont de l'Ascension" && p["from"]!.GetValue<string>() == "2027-05-07")!;
        await Delete($"/api/staff/calendar/periods/{removedSpring["periodId"]}", staff);
        (await Get("/api/calendar?from=2027-05-07&to=2027-05-07", staff))![0]!["closed"]!.GetValue<bool>().ShouldBeFalse();

        var file = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "calendrier-scolaire-zone-c-2026-2027.json"));
        var first = await Raw("POST", "/api/staff/calendar/import", file, "application/json", staff, 200);
        var result = System.Text.Json.Nodes.JsonNode.Parse(await first.ReadAsTextAsync())!;
        result["read"]!.GetValue<int>().ShouldBe(5);
        result["added"]!.AsArray().Single()!["label"]!.GetValue<string>().ShouldBe("Pont de l'Ascension");
        (await Get("/api/calendar?from=2027-05-07&to=2027-05-07", staff))![0]!["reason"]!.GetValue<string>().ShouldBe("school-holiday");

        var again = await Raw("POST", "/api/staff/calendar/import", file, "application/json", staff, 200);
        System.Text.Json.Nodes.JsonNode.Parse(await again.ReadAsTextAsync())!["added"]!.AsArray().Count.ShouldBe(0);
        await Raw("POST", "/api/staff/calendar/import", "pas un calendrier", "application/json", staff, 400);
        await Raw("POST", "/api/staff/calendar/import", file, "application/json", (await NewFamily()).Token, 403);
    }

    [Fact]
    public async Task An_imported_holiday_cancels_the_days_booked_in_it_free_of_charge_and_tells_the_family()
    {
        var staff = await StaffToken();
        var spring = (await Get("/api/staff/calendar/periods", staff))!.AsArray()
            .Single(p => p!["label"]!.GetValue<string>() == "Pont de l'Ascension" && p["from"]!.GetValue<string>() == "2027-05-07")!;
        await Delete($"/api/staff/calendar/periods/{spring["periodId"]}", staff);
        await CreateActivity();
        var child = await EnrolledChild();
        await Reserve(child.InscriptionId, child.Family.Token, ("2027-05-07", "book"), ("2027-05-04", "book"));
        (await StateOn(child.InscriptionId, child.Family.Token, "2027-05-07")).ShouldBe(CellState.Booked);

        var file = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "calendrier-scolaire-zone-c-2026-2027.json"));
        await Raw("POST", "/api/staff/calendar/import", file, "application/json", staff, 200);

        (await StateOn(child.InscriptionId, child.Family.Token, "2027-05-07")).ShouldBe(CellState.Closed);
        (await StateOn(child.InscriptionId, child.Family.Token, "2027-05-04")).ShouldBe(CellState.Booked);
        (await MailTo(child.Family.Email, "Fermeture")).TextBody!.ShouldContain("vendredi 7 mai 2027");
        await using (var session = Host.DocumentStore().QuerySession(AppFixture.TenantId))
            (await session.Events.FetchStreamAsync(child.InscriptionId)).Select(e => e.Data).OfType<Domain.Bookings.DayCancelled>()
                .Single().Cause.ShouldBe(Domain.Bookings.Cause.Closure);

        // Once both days have passed, only Tuesday is owed: one meal at the QF 650 price (2.50 €).
        SetNow(NodaTime.Instant.FromUtc(2027, 5, 10, 8, 0));
        var parent = await Login(child.Family.Email, ParentPassword);
        (await Get("/api/account/inscriptions", parent))!.AsArray().Single()!["dueCents"]!.GetValue<int>().ShouldBe(250);
    }

    [Fact]
    public async Task A_shipped_holiday_deleted_by_staff_stays_deleted_when_the_portal_starts_again()
    {
        var staff = await StaffToken();
        var spring = (await Get("/api/staff/calendar/periods", staff))!.AsArray()
            .Single(p => p!["label"]!.GetValue<string>() == "Pont de l'Ascension" && p["from"]!.GetValue<string>() == "2027-05-07")!;
        await Delete($"/api/staff/calendar/periods/{spring["periodId"]}", staff);

        await Host.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<Infrastructure.StartupData>().Single()
            .StartAsync(CancellationToken.None);

        (await Get("/api/calendar?from=2027-05-07&to=2027-05-07", staff))![0]!["closed"]!.GetValue<bool>().ShouldBeFalse();
        (await Get("/api/staff/calendar/periods", staff))!.AsArray().ShouldNotContain(p => p!["periodId"]!.GetValue<string>() == spring["periodId"]!.GetValue<string>());
    }
}
