using PortailFamille.Domain.Bookings;
using System.Text.Json.Nodes;
using Alba;
using Marten;
using Marten.Events;
using PortailFamille.Api.Tests.Support;

namespace PortailFamille.Api.Tests.Shuttles;

/// <summary>Shuttle lines: staff define them, parents join from an inscription and book seats through the desk on the days
/// the served activity is booked, a served day given back takes its seat with it, and the driver gets the trip's list.</summary>
public class ShuttleApiTests(AppFixture app) : ApiTest(app)
{
    private const string Wednesday = "2026-10-07";

    public static object LineBody(string code = "NAVETTE-MIDI", int capacity = 2, string[]? directions = null, object[]? stops = null) => new
    {
        code, label = "Navette du mercredi midi", from = "2026-09-02", to = "2027-06-30", weekdays = new[] { "wednesday" },
        directions = directions ?? ["ALLER"], capacity,
        stops = stops ?? [new { name = "École Jean Moulin", outbound = "11:45" }, new { name = "Centre de loisirs", outbound = "12:05" }],
        serves = new[] { "MERCREDI" },
        bookingDeadline = new { daysBefore = 2, workingDays = true, at = "10:00" },
        cancellationDeadline = new { daysBefore = 2, workingDays = true, at = "10:00" },
    };

    private async Task Setup(int capacity = 2)
    {
        await Post("/api/staff/activities", WithWeekdays(ActivityBody("MERCREDI"), "wednesday"), await StaffToken(), 201);
        await Post("/api/staff/shuttles", LineBody(capacity: capacity), await StaffToken(), 201);
    }

    private async Task<Guid> Join(Enrolled child, string stop = "École Jean Moulin") =>
        Id(await Post($"/api/inscriptions/{child.InscriptionId}/shuttles", new { lineCode = "NAVETTE-MIDI", stop }, child.Family.Token, 201), "inscriptionId");

    private async Task<JsonArray> Ride(Guid shuttle, string token, string date, string action = "book") =>
        (await Post($"/api/inscriptions/{shuttle}/reservations", new { changes = new[] { new { date, unit = "ALLER", action } } }, token, 200))!["results"]!.AsArray();

    private async Task<JsonArray> Wednesdays(Enrolled child, string date, string action = "book") =>
        (await Post($"/api/inscriptions/{child.InscriptionId}/reservations", new { changes = new[] { new { date, unit = "REPAS", action } } },
            child.Family.Token, 200))!["results"]!.AsArray();

    [Fact]
    public async Task Staff_define_a_line_that_the_activities_list_shows_with_its_route()
    {
        await Setup();
        var line = (await Get("/api/activities", await StaffToken()))!.AsArray().Single(a => a!["code"]!.GetValue<string>() == "NAVETTE-MIDI")!;
        (line["units"]!.AsArray().Single()!.GetValue<string>(), line["equipment"]!.GetValue<string>()).ShouldBe(("ALLER", "NAVETTE"));
        line["groups"]![0]!["capacity"]!["ALLER"]!.GetValue<int>().ShouldBe(2);
        line["shuttle"]!["stops"]!.AsArray().Select(s => s!["name"]!.GetValue<string>()).ShouldBe(["École Jean Moulin", "Centre de loisirs"]);
        line["shuttle"]!["serves"]!.AsArray().Single()!.GetValue<string>().ShouldBe("MERCREDI");
        (await Get("/api/activities", await StaffToken()))!.AsArray().Single(a => a!["code"]!.GetValue<string>() == "MERCREDI")!
            .AsObject().ContainsKey("shuttle").ShouldBeFalse();
        await Post("/api/staff/shuttles", LineBody(), await StaffToken(), 409);
    }

    [Theory]
    [InlineData("backwards")]
    [InlineData("no such activity")]
    [InlineData("bad time")]
    [InlineData("no capacity")]
    public async Task A_line_that_cannot_run_is_refused_and_nothing_is_created(string what)
    {
        await Post("/api/staff/activities", WithWeekdays(ActivityBody("MERCREDI"), "wednesday"), await StaffToken(), 201);
        var body = what switch
        {
            "backwards" => LineBody(stops: [new { name = "École", outbound = "12:30" }, new { name = "Centre", outbound = "12:05" }]),
            "bad time" => LineBody(stops: [new { name = "École", outbound = "midi" }]),
            "no capacity" => LineBody(capacity: -1),
            _ => WithServes(LineBody(), "PISCINE"),
        };
        await Post("/api/staff/shuttles", body, await StaffToken(), 400);
        (await Get("/api/activities", await StaffToken()))!.AsArray().ShouldNotContain(a => a!["code"]!.GetValue<string>() == "NAVETTE-MIDI");
    }

    private static Dictionary<string, object?> WithServes(object body, params string[] serves)
    {
        var dict = body.GetType().GetProperties().ToDictionary(p => p.Name, p => p.GetValue(body));
        dict["serves"] = serves;
        return dict;
    }

    [Fact]
    public async Task A_parent_joins_the_line_from_the_wednesday_inscription_once_at_a_stop_it_has()
    {
        await Setup();
        var child = await EnrolledChild("Durand", "MERCREDI");
        var offers = (await Get($"/api/inscriptions/{child.InscriptionId}/shuttles", child.Family.Token))!.AsArray();
        var offer = offers.ShouldHaveSingleItem()!;
        (offer["code"]!.GetValue<string>(), offer["capacity"]!.GetValue<int>()).ShouldBe(("NAVETTE-MIDI", 2));
        offer.AsObject().ContainsKey("inscriptionId").ShouldBeFalse();

        await Post($"/api/inscriptions/{child.InscriptionId}/shuttles", new { lineCode = "NAVETTE-MIDI", stop = "Gare" }, child.Family.Token, 422);
        await Post($"/api/inscriptions/{child.InscriptionId}/shuttles", new { lineCode = "AUTRE", stop = "Gare" }, child.Family.Token, 422);
        var shuttle = await Join(child);
        await Post($"/api/inscriptions/{child.InscriptionId}/shuttles", new { lineCode = "NAVETTE-MIDI", stop = "École Jean Moulin" }, child.Family.Token, 409);
        var joined = (await Get($"/api/inscriptions/{child.InscriptionId}/shuttles", child.Family.Token))!.AsArray().Single()!;
        (Guid.Parse(joined["inscriptionId"]!.GetValue<string>()), joined["stop"]!.GetValue<string>()).ShouldBe((shuttle, "École Jean Moulin"));

        await Put($"/api/inscriptions/{shuttle}/shuttle-stop", new { stop = "Centre de loisirs" }, child.Family.Token);
        await Put($"/api/inscriptions/{shuttle}/shuttle-stop", new { stop = "Gare" }, child.Family.Token, 422);
        await Put($"/api/inscriptions/{child.InscriptionId}/shuttle-stop", new { stop = "Gare" }, child.Family.Token, 404); // not a line's inscription
        (await Get($"/api/inscriptions/{child.InscriptionId}/shuttles", child.Family.Token))!.AsArray().Single()!["stop"]!.GetValue<string>()
            .ShouldBe("Centre de loisirs");
        (await Get("/api/inscriptions", child.Family.Token))!.AsArray().Select(i => i!["activityCode"]!.GetValue<string>()).Order()
            .ShouldBe(["MERCREDI", "NAVETTE-MIDI"]);
    }

    [Fact]
    public async Task Another_family_gets_404_on_every_shuttle_route_of_an_inscription_that_is_not_theirs()
    {
        await Setup();
        var child = await EnrolledChild("Durand", "MERCREDI");
        var shuttle = await Join(child);
        var other = await NewFamily("Petit");
        await Get($"/api/inscriptions/{child.InscriptionId}/shuttles", other.Token, 404);
        await Post($"/api/inscriptions/{child.InscriptionId}/shuttles", new { lineCode = "NAVETTE-MIDI", stop = "École Jean Moulin" }, other.Token, 404);
        await Put($"/api/inscriptions/{shuttle}/shuttle-stop", new { stop = "Centre de loisirs" }, other.Token, 404);
        await Post($"/api/inscriptions/{shuttle}/reservations", new { changes = new[] { new { date = Wednesday, unit = "ALLER", action = "book" } } }, other.Token, 404);
    }

    [Fact]
    public async Task A_seat_only_on_a_booked_wednesday_and_the_headcounts_count_the_trip()
    {
        await Setup();
        var child = await EnrolledChild("Durand", "MERCREDI");
        var shuttle = await Join(child);
        var refused = (await Ride(shuttle, child.Family.Token, Wednesday)).Single()!;
        (refused["outcome"]!.GetValue<string>(), refused["reason"]!.GetValue<string>()).ShouldBe(("refused", "not-served"));

        await Wednesdays(child, Wednesday);
        (await Ride(shuttle, child.Family.Token, Wednesday)).Single()!["outcome"]!.GetValue<string>().ShouldBe("booked");
        (await StateOn(shuttle, child.Family.Token, Wednesday, "ALLER")).ShouldBe(CellState.Booked);
        await Host.DocumentStore().WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));
        var trip = (await Get($"/api/staff/headcounts?date={Wednesday}", await KitchenToken()))!.AsArray()
            .Single(r => r!["activityCode"]!.GetValue<string>() == "NAVETTE-MIDI")!;
        (trip["unit"]!.GetValue<string>(), trip["booked"]!.GetValue<int>(), trip["capacity"]!.GetValue<int>()).ShouldBe(("ALLER", 1, 2));
    }

    [Fact]
    public async Task Cancelling_the_wednesday_cancels_its_seat_free_tells_the_family_and_seats_the_next_waiting()
    {
        await Setup(capacity: 1);
        var first = await EnrolledChild("Durand", "MERCREDI");
        var second = await EnrolledChild("Petit", "MERCREDI");
        var (firstShuttle, secondShuttle) = (await Join(first), await Join(second));
        await Wednesdays(first, Wednesday);
        await Wednesdays(second, Wednesday);
        await Ride(firstShuttle, first.Family.Token, Wednesday);
        (await Ride(secondShuttle, second.Family.Token, Wednesday)).Single()!["outcome"]!.GetValue<string>().ShouldBe("waitlisted");

        await Wednesdays(first, Wednesday, "cancel");
        (await StateOn(firstShuttle, first.Family.Token, Wednesday, "ALLER")).ShouldBe(CellState.Free);
        (await StateOn(secondShuttle, second.Family.Token, Wednesday, "ALLER")).ShouldBe(CellState.Booked);
        (await MailTo(first.Family.Email, "Navette annulée")).TextBody!.ShouldContain("ALLER");
        await MailTo(second.Family.Email, "Place attribuée");
        var timeline = (await Get($"/api/staff/audit/inscriptions/{firstShuttle}?date={Wednesday}", await StaffToken()))!["events"]!.AsArray()
            .Select(e => e!["explanation"]!.GetValue<string>()).ToList();
        timeline.ShouldContain(t => t.StartsWith("Plus de réservation ce jour-là à l'activité que dessert la navette : place annulée sans frais"));
        timeline.ShouldContain(t => t.StartsWith("Arrêt de navette : École Jean Moulin"));
    }

    [Fact]
    public async Task The_drivers_list_names_each_child_at_its_stop_in_the_order_the_bus_runs_printable_as_csv()
    {
        await Setup();
        var durand = await EnrolledChild("Durand", "MERCREDI");
        var family = await NewFamily("Petit");
        var zoe = await AddChild(family.FamilyId, "Zoé");
        var petit = new Enrolled(family, zoe, await Enrol(zoe, "MERCREDI", "MATERNELLE"));
        foreach (var (child, stop) in new[] { (durand, "Centre de loisirs"), (petit, "École Jean Moulin") })
        {
            var shuttle = await Join(child, stop);
            await Wednesdays(child, Wednesday);
            await Ride(shuttle, child.Family.Token, Wednesday);
        }
        var manifest = (await Get($"/api/staff/shuttles/NAVETTE-MIDI/manifest?date={Wednesday}&direction=ALLER", await StaffToken()))!;
        (manifest["booked"]!.GetValue<int>(), manifest["capacity"]!.GetValue<int>()).ShouldBe((2, 2));
        var stops = manifest["stops"]!.AsArray();
        stops.Select(s => (s!["name"]!.GetValue<string>(), s["time"]!.GetValue<string>())).ShouldBe([("École Jean Moulin", "11:45"), ("Centre de loisirs", "12:05")]);
        var atSchool = stops[0]!["children"]!.AsArray().Single()!;
        (atSchool["firstName"]!.GetValue<string>(), atSchool["group"]!.GetValue<string>(), atSchool["phone"]!.GetValue<string>())
            .ShouldBe(("Zoé", "MATERNELLE", "06 12 34 56 78"));
        stops[1]!["children"]!.AsArray().Single()!["firstName"]!.GetValue<string>().ShouldBe("Léo");

        var token = await StaffToken();
        var csv = await Host.Scenario(s =>
        {
            s.Get.Url($"/api/staff/shuttles/NAVETTE-MIDI/manifest.csv?date={Wednesday}&direction=ALLER");
            s.WithRequestHeader("Authorization", "Bearer " + token);
        });
        var text = await csv.ReadAsTextAsync();
        text.ShouldStartWith("date,sens,arret,heure,nom,prenom,groupe,telephone");
        text.ShouldContain($"{Wednesday},ALLER,École Jean Moulin,11:45,Durand,Zoé,MATERNELLE,06 12 34 56 78");
        text.ShouldContain($"{Wednesday},ALLER,Centre de loisirs,12:05,Durand,Léo,PRIMAIRE,06 12 34 56 78");
    }

    [Theory]
    [InlineData("/api/staff/shuttles/NAVETTE-MIDI/manifest?date=2026-10-07&direction=RETOUR", 400)]
    [InlineData("/api/staff/shuttles/NAVETTE-MIDI/manifest?date=mercredi&direction=ALLER", 400)]
    [InlineData("/api/staff/shuttles/NAVETTE-MIDI/manifest?date=2026-10-07", 400)]
    [InlineData("/api/staff/shuttles/MERCREDI/manifest?date=2026-10-07&direction=ALLER", 404)]
    [InlineData("/api/staff/shuttles/INCONNUE/manifest.csv?date=2026-10-07&direction=ALLER", 404)]
    public async Task A_trip_that_is_not_there_is_4xx(string url, int status)
    {
        await Setup();
        await Get(url, await StaffToken(), status);
    }

    [Fact]
    public async Task The_drivers_own_login_reads_the_list_and_its_csv_and_nothing_else_of_the_mairie()
    {
        await Setup();
        var child = await EnrolledChild("Durand", "MERCREDI");
        var shuttle = await Join(child);
        await Wednesdays(child, Wednesday);
        await Ride(shuttle, child.Family.Token, Wednesday);
        var driver = await DriverToken();
        var manifest = (await Get($"/api/staff/shuttles/NAVETTE-MIDI/manifest?date={Wednesday}&direction=ALLER", driver))!;
        manifest["stops"]![0]!["children"]!.AsArray().Single()!["phone"]!.GetValue<string>().ShouldBe("06 12 34 56 78");
        var csv = await Host.Scenario(s =>
        {
            s.Get.Url($"/api/staff/shuttles/NAVETTE-MIDI/manifest.csv?date={Wednesday}&direction=ALLER");
            s.WithRequestHeader("Authorization", "Bearer " + driver);
        });
        (await csv.ReadAsTextAsync()).ShouldContain("Durand,Léo,PRIMAIRE");
        await Post("/api/staff/shuttles", LineBody("AUTRE"), driver, 403);
        await Get($"/api/staff/headcounts?date={Wednesday}", driver, 403);
        await Get($"/api/staff/families/{child.Family.FamilyId}", driver, 403);
        await Get($"/api/inscriptions/{child.InscriptionId}/planning?month=2026-10", driver, 403);
        (await Get("/api/me", driver))!["role"]!.GetValue<string>().ShouldBe("driver");
    }

    [Fact]
    public async Task The_kitchen_and_parents_do_not_read_the_drivers_list()
    {
        await Setup();
        var family = await NewFamily();
        await Get($"/api/staff/shuttles/NAVETTE-MIDI/manifest?date={Wednesday}&direction=ALLER", await KitchenToken(), 403);
        await Get($"/api/staff/shuttles/NAVETTE-MIDI/manifest?date={Wednesday}&direction=ALLER", family.Token, 403);
        await Post("/api/staff/shuttles", LineBody("AUTRE"), family.Token, 403);
    }
}
