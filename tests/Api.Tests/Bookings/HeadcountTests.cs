using Alba;
using Marten;
using Marten.Events;
using PortailFamille.Api.Tests.Support;

namespace PortailFamille.Api.Tests.Bookings;

public class HeadcountTests(AppFixture app) : ApiTest(app)
{
    private Task Settled() => Host.DocumentStore().WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));

    [Fact]
    public async Task Headcounts_show_booked_capacity_and_waitlist_per_activity_unit_and_group_with_zeros()
    {
        await Post("/api/staff/activities", ActivityBody(primaire: 1), await StaffToken(), 201);
        var first = await EnrolledChild("Durand");
        var second = await EnrolledChild("Petit");
        await Reserve(first.InscriptionId, first.Family.Token, ("2026-10-05", "book"), ("2026-10-06", "book"));
        await Reserve(second.InscriptionId, second.Family.Token, ("2026-10-05", "book"));
        await Settled();

        var staff = await StaffToken();
        var day = await Get<List<Domain.Bookings.Headcount>>("/api/staff/headcounts?date=2026-10-05", staff);
        day.Select(r => (r.Group, r.ActivityCode, r.Unit, r.Booked, r.Capacity, r.Waitlisted)).ShouldBe(
            [("MATERNELLE", "CANTINE", "REPAS", 0, 35, 0), ("PRIMAIRE", "CANTINE", "REPAS", 1, 1, 1)], ignoreOrder: true);

        await Reserve(first.InscriptionId, first.Family.Token, ("2026-10-05", "cancel"));
        await Settled();
        var after = (await Get<List<Domain.Bookings.Headcount>>("/api/staff/headcounts?date=2026-10-05", staff)).Single(r => r.Group == "PRIMAIRE");
        (after.Booked, after.Waitlisted).ShouldBe((1, 0)); // the queue's head took the seat
    }

    [Fact]
    public async Task The_csv_parses_back_to_the_same_numbers_as_the_json()
    {
        await Post("/api/staff/activities", ActivityBody(primaire: 1), await StaffToken(), 201);
        var first = await EnrolledChild("Durand");
        var second = await EnrolledChild("Petit");
        await Reserve(first.InscriptionId, first.Family.Token, ("2026-10-05", "book"), ("2026-10-08", "book"));
        await Reserve(second.InscriptionId, second.Family.Token, ("2026-10-05", "book"));
        await Settled();
        var staff = await StaffToken();
        var json = (await Get("/api/staff/headcounts?from=2026-10-05&to=2026-10-09", staff))!.AsArray()
            .Select(r => string.Join(",", r!["date"]!.GetValue<string>(), r["activityCode"]!.GetValue<string>(), r["unit"]!.GetValue<string>(),
                r["group"]!.GetValue<string>(), r["booked"]!.GetValue<int>(), r["waitlisted"]!.GetValue<int>(), r["capacity"]!.GetValue<int>())).ToList();

        var result = await Host.Scenario(s =>
        {
            s.Get.Url("/api/staff/headcounts.csv?from=2026-10-05&to=2026-10-09");
            s.WithBearerToken(staff);
            s.StatusCodeShouldBeOk();
        });
        result.Context.Response.ContentType!.ShouldStartWith("text/csv");
        using var reader = CsvHelper.CsvReader.Create(new StringReader(await result.ReadAsTextAsync()), new CsvHelper.CsvReaderOptions(), false);
        var csv = new List<string>();
        reader.ReadHeader();
        reader.Headers.ShouldBe(["date", "activityCode", "unit", "group", "booked", "waitlisted", "capacity"]);
        while (reader.Read())
            csv.Add(string.Join(",", reader["date"].ToString(), reader["activityCode"].ToString(), reader["unit"].ToString(), reader["group"].ToString(),
                int.Parse(reader["booked"].ToString()), int.Parse(reader["waitlisted"].ToString()), int.Parse(reader["capacity"].ToString())));
        csv.ShouldBe(json);
        csv.ShouldContain("2026-10-05,CANTINE,REPAS,PRIMAIRE,1,1,1");
        await Get("/api/staff/headcounts.csv?from=2026-10-09&to=2026-10-05", staff, 400);
    }

    [Fact]
    public async Task A_range_lists_only_the_days_the_activities_run()
    {
        await CreateActivity();
        var rows = (await Get("/api/staff/headcounts?from=2026-10-05&to=2026-10-11", await StaffToken()))!.AsArray();
        rows.Select(r => r!["date"]!.GetValue<string>()).Distinct().ShouldBe(["2026-10-05", "2026-10-06", "2026-10-08", "2026-10-09"]);
        (await Get("/api/staff/headcounts?date=2026-10-19", await StaffToken()))!.AsArray().Count.ShouldBe(0); // Toussaint
    }

    [Fact]
    public async Task The_kitchen_reads_headcounts_parents_do_not_and_bad_dates_are_400()
    {
        await CreateActivity();
        var staff = await StaffToken();
        var kitchen = await KitchenToken();
        (await Get("/api/staff/headcounts?date=2026-10-05", kitchen))!.AsArray().Count.ShouldBe(2);
        await Get("/api/staff/headcounts?date=2026-10-05", (await NewFamily()).Token, 403);
        await Get("/api/staff/headcounts?date=2026-13-05", staff, 400);
        await Get("/api/staff/headcounts", staff, 400);
        await Get("/api/staff/headcounts?from=2026-10-05&to=2026-10-01", staff, 400);
        await Get("/api/staff/headcounts?date=2026-10-05&from=2026-10-05&to=2026-10-06", staff, 400);
    }
}
