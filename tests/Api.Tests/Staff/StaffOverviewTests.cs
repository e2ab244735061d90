using Alba;
using Marten.Events;
using Marten;
using PortailFamille.Api.Tests.Support;

namespace PortailFamille.Api.Tests.Staff;

/// <summary>The mairie's dashboard and its occupancy picture, read from the projections.</summary>
public class StaffOverviewTests(AppFixture app) : ApiTest(app)
{
    private Task Settled() => Host.DocumentStore().WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));

    [Fact]
    public async Task The_dashboard_shows_the_day_its_week_what_waits_and_what_is_owed()
    {
        await Post("/api/staff/activities", ActivityBody(primaire: 1), await StaffToken(), 201);
        await CreateActivity("MERCREDI", "manual");
        var first = await EnrolledChild("Durand");
        var second = await EnrolledChild("Petit");
        var wednesday = await Enrol(second.ChildId, "MERCREDI");
        await Reserve(first.InscriptionId, first.Family.Token, ("2026-10-05", "book"), ("2026-10-06", "book"));
        await Reserve(second.InscriptionId, second.Family.Token, ("2026-10-05", "book"));
        await Reserve(wednesday, second.Family.Token, ("2026-10-05", "book")); // manual validation: waits for the mairie
        await Post("/api/requests", new { type = "attestation-fiscale", year = 2026 }, first.Family.Token, 201);
        await SeedInvoice(first, amountCents: 1250, number: "2026-000001");
        await SeedInvoice(second, amountCents: 300, number: "2026-000002");
        await Settled();

        var overview = (await Get("/api/staff/overview?date=2026-10-07", await StaffToken()))!;
        overview["date"]!.GetValue<string>().ShouldBe("2026-10-07");
        (overview["weekFrom"]!.GetValue<string>(), overview["weekTo"]!.GetValue<string>()).ShouldBe(("2026-10-05", "2026-10-11"));
        overview["today"]!.AsArray().ShouldAllBe(r => r!["date"]!.GetValue<string>() == "2026-10-07");
        var week = overview["week"]!.AsArray().Single(r => r!["activityCode"]!.GetValue<string>() == "CANTINE" && r["group"]!.GetValue<string>() == "PRIMAIRE")!;
        // Mon, Tue, Thu, Fri: 4 seat-days of 1; Monday full with one waiting.
        (week["booked"]!.GetValue<int>(), week["capacity"]!.GetValue<int>(), week["waitlisted"]!.GetValue<int>(), week["fullDays"]!.GetValue<int>())
            .ShouldBe((2, 4, 1, 2));
        (overview["pending"]!["reservations"]!.GetValue<int>(), overview["pending"]!["requests"]!.GetValue<int>()).ShouldBe((1, 1));
        (overview["unpaidInvoices"]!["count"]!.GetValue<int>(), overview["unpaidInvoices"]!["cents"]!.GetValue<int>()).ShouldBe((2, 1550));
        overview["pendingPayments"]!["count"]!.GetValue<int>().ShouldBe(0);
        overview["highWaterMark"]!.GetValue<long>().ShouldBeGreaterThan(0);
        overview["projections"]!.AsArray().ShouldNotBeEmpty();
        overview["projections"]!.AsArray().ShouldAllBe(p => p!["behind"]!.GetValue<long>() == 0);

        // A counter payment settles one invoice: it leaves the unpaid total.
        SetNow(NodaTime.Instant.FromUtc(2026, 10, 7, 8, 0)); // after the invoices were issued (17 September)
        var invoices = (await Get("/api/staff/invoices?month=2026-09", await StaffToken()))!.AsArray();
        var small = invoices.Single(i => i!["amountCents"]!.GetValue<int>() == 300)!["invoiceId"]!.GetValue<string>();
        await Post($"/api/staff/invoices/{small}/payments", new { amountCents = 300, method = "cheque" }, await StaffToken(), 201);
        var after = (await Get("/api/staff/overview?date=2026-10-07", await StaffToken()))!;
        (after["unpaidInvoices"]!["count"]!.GetValue<int>(), after["unpaidInvoices"]!["cents"]!.GetValue<int>()).ShouldBe((1, 1250));
    }

    [Fact]
    public async Task The_occupancy_picture_colours_days_by_fill_and_marks_full_ones()
    {
        await Post("/api/staff/activities", ActivityBody(primaire: 1), await StaffToken(), 201);
        var first = await EnrolledChild("Durand");
        var second = await EnrolledChild("Petit");
        await Reserve(first.InscriptionId, first.Family.Token, ("2026-10-05", "book"));
        await Reserve(second.InscriptionId, second.Family.Token, ("2026-10-05", "book"));
        await Settled();

        var picture = (await Get("/api/staff/occupancy?month=2026-10", await StaffToken()))!;
        picture["month"]!.GetValue<string>().ShouldBe("2026-10");
        var row = picture["rows"]!.AsArray().ShouldHaveSingleItem()!;
        (row["activityCode"]!.GetValue<string>(), row["unit"]!.GetValue<string>()).ShouldBe(("CANTINE", "REPAS"));
        var days = row["days"]!.AsArray();
        days.Count.ShouldBe(10); // the Mondays, Tuesdays, Thursdays and Fridays of October before the Toussaint holidays (from the 17th)
        var monday = days.Single(d => d!["date"]!.GetValue<string>() == "2026-10-05")!;
        (monday["booked"]!.GetValue<int>(), monday["capacity"]!.GetValue<int>(), monday["waitlisted"]!.GetValue<int>()).ShouldBe((1, 36, 1));
        monday["full"]!.GetValue<bool>().ShouldBeTrue();
        monday["fullGroups"]!.AsArray().Select(g => g!.GetValue<string>()).ShouldBe(["PRIMAIRE"]);
        monday["level"]!.GetValue<int>().ShouldBe(4);
        days.Single(d => d!["date"]!.GetValue<string>() == "2026-10-06")!["level"]!.GetValue<int>().ShouldBe(0);
    }

    [Theory]
    [InlineData("/api/staff/overview?date=2026-02-30")]
    [InlineData("/api/staff/occupancy?month=2026-13")]
    [InlineData("/api/staff/occupancy")]
    public async Task Bad_dates_are_400(string url) => await Get(url, await StaffToken(), 400);

    [Fact]
    public async Task Only_staff_see_the_dashboard()
    {
        var family = await NewFamily();
        await Get("/api/staff/overview", family.Token, 403);
        await Get("/api/staff/occupancy?month=2026-10", await KitchenToken(), 403);
        await Get("/api/staff/overview", null, 401);
    }
}
