using System.Text.Json;
using Marten;
using Marten.Events;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Npgsql;
using PortailFamille.Api.Bookings;
using PortailFamille.Api.Tests.Support;
using PortailFamille.Domain.Inscriptions;
using PortailFamille.Projections.Headcounts;

namespace PortailFamille.Api.Tests.Bookings;

/// <summary>Read models are disposable: rebuilt from the events, they come out identical.</summary>
public class RebuildTests(AppFixture app) : ApiTest(app)
{
    private async Task<string> Snapshot<T>(Func<T, string> order) where T : notnull
    {
        await using var session = Host.DocumentStore().QuerySession(AppFixture.TenantId);
        var docs = (await session.Query<T>().ToListAsync()).OrderBy(order, StringComparer.Ordinal);
        return JsonSerializer.Serialize(docs);
    }

    /// <summary>Bookings, waitlist, promotion, cancellation, late refusal, withdrawal, manual requests and a closure.</summary>
    private async Task ABusyMonth()
    {
        await Post("/api/staff/activities", ActivityBody(primaire: 2), await StaffToken(), 201);
        var children = new List<Enrolled>();
        foreach (var name in new[] { "Durand", "Petit", "Moreau", "Roux" }) children.Add(await EnrolledChild(name));
        foreach (var c in children)
            await Reserve(c.InscriptionId, c.Family.Token, ("2026-10-05", "book"), ("2026-10-06", "book"), ("2026-10-08", "book"), ("2026-10-09", "book"));
        await Reserve(children[0].InscriptionId, children[0].Family.Token, ("2026-10-05", "cancel"));
        await Reserve(children[3].InscriptionId, children[3].Family.Token, ("2026-10-06", "withdraw"));
        // The Wednesday bus: one seat, taken, waited for, and given to the next when the Wednesday is cancelled.
        await Post("/api/staff/activities", WithWeekdays(ActivityBody("MERCREDI"), "wednesday"), await StaffToken(), 201);
        await Post("/api/staff/shuttles", Shuttles.ShuttleApiTests.LineBody(capacity: 1), await StaffToken(), 201);
        foreach (var c in children.Skip(2))
        {
            var wednesday = await Enrol(c.ChildId, "MERCREDI");
            await Post($"/api/inscriptions/{wednesday}/reservations", new { changes = new[] { new { date = "2026-10-07", unit = "REPAS", action = "book" } } }, c.Family.Token, 200);
            var bus = Id(await Post($"/api/inscriptions/{wednesday}/shuttles", new { lineCode = "NAVETTE-MIDI", stop = "École Jean Moulin" }, c.Family.Token, 201), "inscriptionId");
            await Post($"/api/inscriptions/{bus}/reservations", new { changes = new[] { new { date = "2026-10-07", unit = "ALLER", action = "book" } } }, c.Family.Token, 200);
            if (c == children[2])
                await Post($"/api/inscriptions/{wednesday}/reservations", new { changes = new[] { new { date = "2026-10-07", unit = "REPAS", action = "cancel" } } }, c.Family.Token, 200);
        }
        await Post("/api/staff/calendar/closures", new { from = "2026-10-09", to = "2026-10-09", reason = "closure", label = "Grève" }, await StaffToken(), 201);
        SetNow(Instant.FromUtc(2026, 10, 6, 8, 0));
        var staff = await StaffToken();
        await Reserve(children[1].InscriptionId, staff, ("2026-10-08", "cancel"));
        await Post("/api/staff/attendance", new
        {
            activityCode = "CANTINE", unit = "REPAS", date = "2026-10-05",
            entries = new[] { new { inscriptionId = children[1].InscriptionId, status = "present" } },
        }, staff, 204);
        await SweepWork.RunAsync(Host.Services.InCommune<BookingDesk>(), CancellationToken.None);
        await Host.DocumentStore().WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Inscriptions_and_headcounts_rebuilt_from_the_events_equal_the_live_ones()
    {
        await ABusyMonth();
        var inscriptions = await Snapshot<Inscription>(i => i.Id.ToString());
        var headcounts = await Snapshot<DayHeadcount>(h => h.Id);
        headcounts.ShouldContain("\"Booked\":2"); // the scenario did fill days

        using var daemon = await Host.DocumentStore().BuildProjectionDaemonAsync();
        await daemon.RebuildProjectionAsync<Inscription>(CancellationToken.None);
        await daemon.RebuildProjectionAsync<DayHeadcountProjection>(CancellationToken.None);

        (await Snapshot<Inscription>(i => i.Id.ToString())).ShouldBe(inscriptions);
        (await Snapshot<DayHeadcount>(h => h.Id)).ShouldBe(headcounts);
    }

    [Fact]
    public async Task Family_activity_and_calendar_snapshots_rebuilt_from_the_events_equal_the_live_ones()
    {
        await ABusyMonth();
        var family = await NewFamily("Roussel");
        await Put("/api/family/phones", new { home = "04 67 00 00 00" }, family.Token);
        await Put($"/api/staff/families/{family.FamilyId}/quotient-familial", new { quotientFamilial = 420, effectiveFrom = "2026-10-01" }, await StaffToken());
        var childId = await AddChild(family.FamilyId, "Léa", "2020-02-02", "F");
        foreach (var request in new object[]
        {
            new { type = "family-change", changes = new Dictionary<string, string> { ["address.city"] = "Pézenas" } },
            new { type = "child-change", childId, changes = new Dictionary<string, string> { ["firstName"] = "Léana" } },
        })
        {
            var requestId = Id(await Post("/api/requests", request, family.Token, 201), "requestId");
            await Post($"/api/staff/requests/{requestId}/decision", new { decision = "accept" }, await StaffToken(), 204);
        }
        await Put("/api/staff/activities/CANTINE/tariffs", new
        {
            effectiveFrom = "2027-01-01",
            tariffs = new object[] { new { fromQf = 0, priceCents = new Dictionary<string, int> { ["REPAS"] = 200 } } },
        }, await StaffToken());
        await Put($"/api/staff/families/{family.FamilyId}/children/{childId}/diet", new { diet = "sans-viande", pai = "repas-adapte" }, await StaffToken());
        await Put("/api/staff/activities/CANTINE/validation", new { validation = "manual" }, await StaffToken());
        var families = await Snapshot<Domain.Families.Family>(f => f.Id.ToString());
        var activities = await Snapshot<Domain.Activities.Activity>(a => a.Code);
        var calendars = await Snapshot<Domain.Calendar.CommuneCalendar>(c => c.Id.ToString());

        using var daemon = await Host.DocumentStore().BuildProjectionDaemonAsync();
        await daemon.RebuildProjectionAsync<Domain.Families.Family>(CancellationToken.None);
        await daemon.RebuildProjectionAsync<Domain.Activities.Activity>(CancellationToken.None);
        await daemon.RebuildProjectionAsync<Domain.Calendar.CommuneCalendar>(CancellationToken.None);

        (await Snapshot<Domain.Families.Family>(f => f.Id.ToString())).ShouldBe(families);
        (await Snapshot<Domain.Activities.Activity>(a => a.Code)).ShouldBe(activities);
        (await Snapshot<Domain.Calendar.CommuneCalendar>(c => c.Id.ToString())).ShouldBe(calendars);
        families.ShouldContain("04 67 00 00 00");
        families.ShouldContain("sans-viande");
        activities.ShouldContain("\"manual\"");
        var file = (await Get("/api/family", family.Token))!;
        file["address"]!["city"]!.GetValue<string>().ShouldBe("Pézenas");
        file["children"]![0]!["firstName"]!.GetValue<string>().ShouldBe("Léana");
    }

    [Fact]
    public async Task The_seat_guard_equals_what_the_streams_say()
    {
        await ABusyMonth();
        var dataSource = Host.Services.CommuneDataSource();
        (await SeatLedgerCheck.DifferencesAsync(Host.DocumentStore(), AppFixture.TenantId, dataSource)).ShouldBeEmpty();

        // The check does find a difference when there is one.
        await using (var command = dataSource.CreateCommand("update portail.seats set taken = taken - 1 where day = '2026-10-06' and grp = 'PRIMAIRE' and taken > 0"))
            await command.ExecuteNonQueryAsync();
        (await SeatLedgerCheck.DifferencesAsync(Host.DocumentStore(), AppFixture.TenantId, dataSource)).Single().ShouldStartWith("CANTINE|REPAS|PRIMAIRE|2026-10-06");
    }
}
