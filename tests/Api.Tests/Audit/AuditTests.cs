using System.Text.Json.Nodes;
using Alba;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using PortailFamille.Api.Tests.Support;

namespace PortailFamille.Api.Tests.Audit;

public class AuditTests(AppFixture app) : ApiTest(app)
{
    private static IEnumerable<JsonNode> Events(JsonNode? timeline) => timeline!["events"]!.AsArray().Select(e => e!);

    private static string Text(JsonNode node, string field) => node[field]!.GetValue<string>();

    [Fact]
    public async Task A_disputed_late_cancellation_shows_when_it_came_the_limit_and_that_the_meal_stays_charged()
    {
        await CreateActivity();
        var child = await EnrolledChild("Durand");
        await Reserve(child.InscriptionId, child.Family.Token, ("2026-10-05", "book"), ("2026-10-06", "book"));
        SetNow(Instant.FromUtc(2026, 10, 1, 8, 4)); // 10:04 in Paris; Monday 5's limit was Thursday 1 at 10:00
        var token = await Login(child.Family.Email, ParentPassword);
        await Reserve(child.InscriptionId, token, ("2026-10-05", "cancel"));

        var staff = await StaffToken();
        var timeline = Events(await Get($"/api/staff/audit/inscriptions/{child.InscriptionId}?date=2026-10-05", staff)).ToList();
        timeline.Select(e => Text(e, "type")).ShouldBe(["inscription-opened", "day-booked", "change-refused"]);
        timeline.Select(e => e["sequence"]!.GetValue<long>()).ShouldBe([1, 2, 4]); // the 6th's booking (3) is another day
        var refusal = timeline[^1];
        Text(refusal, "explanation").ShouldBe("Annulation reçue le 01/10/2026 à 10:04, après la limite du 01/10/2026 à 10:00 : refusée, le repas reste facturé.");
        Text(refusal, "at").ShouldBe("2026-10-01T08:04:00Z");
        Text(refusal, "by").ShouldStartWith("parent:");
        refusal["data"]!["Reason"]!.GetValue<string>().ShouldBe("deadline");
        Text(timeline[1], "explanation").ShouldStartWith("Réservation reçue le 14/09/2026 à 10:00, avant la limite du 01/10/2026 à 10:00 : place attribuée (1/64 places prises)");

        Events(await Get($"/api/staff/audit/inscriptions/{child.InscriptionId}", staff)).Count().ShouldBe(4); // without date: the whole stream
    }

    [Fact]
    public async Task A_waitlisting_gives_the_seats_taken_and_the_capacity_and_its_promotion_the_seat_it_took()
    {
        await Post("/api/staff/activities", ActivityBody(primaire: 1), await StaffToken(), 201);
        var first = await EnrolledChild("Durand");
        var second = await EnrolledChild("Petit");
        await Reserve(first.InscriptionId, first.Family.Token, ("2026-10-05", "book"));
        await Reserve(second.InscriptionId, second.Family.Token, ("2026-10-05", "book"));
        await Reserve(first.InscriptionId, first.Family.Token, ("2026-10-05", "cancel"));

        var timeline = Events(await Get($"/api/staff/audit/inscriptions/{second.InscriptionId}?date=2026-10-05", await StaffToken())).ToList();
        timeline.Select(e => Text(e, "type")).ShouldBe(["inscription-opened", "day-waitlisted", "waitlist-promoted"]);
        Text(timeline[1], "explanation").ShouldContain("place refusée, 1/1 places prises ; mis en liste d'attente en position 1");
        Text(timeline[2], "explanation").ShouldBe("Place libérée (annulation) le 14/09/2026 à 10:00 : la demande en liste d'attente devient une réservation (1/1 places prises).");
        Text(timeline[2], "by").ShouldBe("system");
    }

    [Fact]
    public async Task Grids_as_of_before_and_after_a_change_differ_exactly_by_that_change()
    {
        await CreateActivity();
        var child = await EnrolledChild("Durand");
        await Reserve(child.InscriptionId, child.Family.Token, ("2026-10-05", "book"));
        SetNow(AppFixture.DefaultNow + Duration.FromMinutes(10));
        await Reserve(child.InscriptionId, await Login(child.Family.Email, ParentPassword), ("2026-10-06", "book"));

        var staff = await StaffToken();
        var url = $"/api/staff/audit/inscriptions/{child.InscriptionId}/planning?month=2026-10&asOf=";
        var before = Cells(await Get(url + "2026-09-14T08:05:00Z", staff));
        var after = Cells(await Get(url + "2026-09-14T08:15:00Z", staff));
        var changed = before.Keys.Where(k => before[k] != after[k]).ToList();
        changed.ShouldBe(["2026-10-06|REPAS"]);
        (before["2026-10-06|REPAS"], after["2026-10-06|REPAS"]).ShouldBe(("free", "booked"));
        before["2026-10-05|REPAS"].ShouldBe("booked");
        Cells(await Get(url + "2026-09-14T08:15:00Z", staff)).ShouldBe(Cells(await Get($"/api/inscriptions/{child.InscriptionId}/planning?month=2026-10", staff)));
        await Get(url + "2026-09-01T00:00:00Z", staff, 404); // before the inscription existed
    }

    private static Dictionary<string, string> Cells(JsonNode? grid) => grid!["days"]!.AsArray()
        .SelectMany(d => d!["cells"]!.AsObject().Select(c => ($"{d["date"]!.GetValue<string>()}|{c.Key}", c.Value!["state"]!.GetValue<string>())))
        .ToDictionary(x => x.Item1, x => x.Item2);

    [Fact]
    public async Task Every_event_says_who_caused_it_and_which_request_it_belongs_to()
    {
        await Post("/api/staff/activities", ActivityBody(primaire: 1), await StaffToken(), 201);
        var first = await EnrolledChild("Durand");
        var second = await EnrolledChild("Petit");
        await Reserve(first.InscriptionId, first.Family.Token, ("2026-10-05", "book"));
        await Reserve(second.InscriptionId, second.Family.Token, ("2026-10-05", "book"));
        var answer = await Host.Scenario(s =>
        {
            s.Post.Json(Changes(("2026-10-05", "cancel"))).ToUrl($"/api/inscriptions/{first.InscriptionId}/reservations");
            s.WithBearerToken(first.Family.Token);
            s.WithRequestHeader("X-Correlation-Id", "litige-2026-042");
            s.StatusCodeShouldBe(200);
        });
        answer.Context.Response.Headers["X-Correlation-Id"].ToString().ShouldBe("litige-2026-042");

        var staff = await StaffToken();
        var cancelled = Events(await Get($"/api/staff/audit/inscriptions/{first.InscriptionId}?date=2026-10-05", staff)).Last();
        (Text(cancelled, "type"), Text(cancelled, "correlationId")).ShouldBe(("day-cancelled", "litige-2026-042"));
        Text(cancelled, "causationId").ShouldStartWith("http:");
        await using (var userName = Host.Services.CommuneDataSource().CreateCommand(
            $"select user_name from portail.mt_events where stream_id = '{first.InscriptionId}' and type = 'day_cancelled'"))
            ((string)(await userName.ExecuteScalarAsync())!).ShouldBe(Text(cancelled, "by")); // Marten's user_name is the event's author
        var promoted = Events(await Get($"/api/staff/audit/inscriptions/{second.InscriptionId}?date=2026-10-05", staff)).Last();
        Text(promoted, "type").ShouldBe("waitlist-promoted");
        Text(promoted, "correlationId").ShouldStartWith("desk-batch:"); // the desk's own doing, in the batch that freed the seat
        Text(promoted, "causationId").ShouldBe("booking-desk");

        await using var command = Host.Services.CommuneDataSource().CreateCommand(
            "select count(*), count(*) filter (where user_name is null or correlation_id is null or causation_id is null) from portail.mt_events");
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        reader.GetInt64(0).ShouldBeGreaterThan(10);
        reader.GetInt64(1).ShouldBe(0);
    }

    [Fact]
    public async Task Audit_is_for_staff_and_refuses_bad_input()
    {
        await CreateActivity();
        var child = await EnrolledChild("Durand");
        await Get($"/api/staff/audit/inscriptions/{child.InscriptionId}", child.Family.Token, 403);
        await Get($"/api/staff/audit/inscriptions/{child.InscriptionId}/planning?month=2026-10&asOf=2026-10-01T08:00:00Z", child.Family.Token, 403);
        await Get($"/api/staff/audit/inscriptions/{child.InscriptionId}", null, 401);
        var staff = await StaffToken();
        await Get($"/api/staff/audit/inscriptions/{Guid.NewGuid()}", staff, 404);
        await Get($"/api/staff/audit/inscriptions/{child.Family.FamilyId}", staff, 404); // a family stream is not an inscription
        await Get($"/api/staff/audit/inscriptions/{child.InscriptionId}?date=2026-02-30", staff, 400);
        await Get($"/api/staff/audit/inscriptions/{child.InscriptionId}/planning?month=2026-10&asOf=hier", staff, 400);
        await Get($"/api/staff/audit/inscriptions/{child.InscriptionId}/planning?asOf=2026-10-01T08:00:00Z", staff, 400);
    }
}
