using PortailFamille.Domain.Bookings;
using System.Text.Json.Nodes;
using Marten;
using PortailFamille.Api.Tests.Support;

namespace PortailFamille.Api.Tests.Bookings;

public class WeekPatternTests(AppFixture app) : ApiTest(app)
{
    private static object Pattern(Guid[] inscriptionIds, string from, string to, string action, params (string Weekday, string Unit)[] days) => new
    {
        inscriptionIds, from, to, action, days = days.Select(d => new { weekday = d.Weekday, unit = d.Unit }).ToArray(),
    };

    private static List<(string Date, string Outcome, string? Reason)> Results(JsonNode inscription) =>
        inscription["results"]!.AsArray().Select(r => (r!["date"]!.GetValue<string>(), r["outcome"]!.GetValue<string>(), r["reason"]?.GetValue<string>())).ToList();

    /// <summary>Léo and Zoé, sisters and brothers of one family, both in the canteen's PRIMAIRE group (one seat a day).</summary>
    private async Task<(Enrolled Leo, Guid Zoe)> Siblings()
    {
        await Post("/api/staff/activities", ActivityBody(primaire: 1), await StaffToken(), 201);
        var leo = await EnrolledChild();
        var zoe = await Enrol(await AddChild(leo.Family.FamilyId, "Zoé"));
        return (leo, zoe);
    }

    private async Task<int> EventCount(Guid streamId)
    {
        await using var session = Host.DocumentStore().QuerySession(AppFixture.TenantId);
        return (await session.Events.FetchStreamAsync(streamId)).Count;
    }

    [Fact]
    public async Task A_semaine_type_for_two_siblings_is_decided_in_one_call_with_one_result_per_child_and_open_day()
    {
        var (leo, zoe) = await Siblings();
        var answer = await Post("/api/reservations/week-pattern",
            Pattern([leo.InscriptionId, zoe], "2026-10-01", "2026-10-31", "book", ("monday", "REPAS"), ("thursday", "REPAS")), leo.Family.Token, 200);

        // October's Mondays and Thursdays before the Toussaint holidays (from the 17th); one seat a day: Léo, first, takes it.
        var inscriptions = answer!["inscriptions"]!.AsArray();
        inscriptions.Select(i => i!["inscriptionId"]!.GetValue<Guid>()).ShouldBe([leo.InscriptionId, zoe]);
        Results(inscriptions[0]!).ShouldBe(new[] { "2026-10-01", "2026-10-05", "2026-10-08", "2026-10-12", "2026-10-15" }.Select(d => (d, "booked", (string?)null)).ToList());
        Results(inscriptions[1]!).ShouldBe(new[] { "2026-10-01", "2026-10-05", "2026-10-08", "2026-10-12", "2026-10-15" }.Select(d => (d, "waitlisted", (string?)null)).ToList());
        (await StateOn(zoe, leo.Family.Token, "2026-10-12")).ShouldBe(CellState.Waitlisted);
        (await StateOn(leo.InscriptionId, leo.Family.Token, "2026-10-12")).ShouldBe(CellState.Booked);

        // Cancelling the same pattern frees Léo's seats: Zoé, first in each queue, is promoted.
        var cancelled = await Post("/api/reservations/week-pattern",
            Pattern([leo.InscriptionId], "2026-10-01", "2026-10-31", "cancel", ("monday", "REPAS"), ("thursday", "REPAS")), leo.Family.Token, 200);
        Results(cancelled!["inscriptions"]![0]!).ShouldAllBe(r => r.Outcome == "cancelled");
        (await StateOn(zoe, leo.Family.Token, "2026-10-12")).ShouldBe(CellState.Booked);
    }

    [Fact]
    public async Task A_day_past_its_cut_off_is_refused_as_late_and_the_others_are_decided()
    {
        var (leo, _) = await Siblings();
        // Monday 14 September, 10:00: the 14th closed on Thursday the 10th; Thursday the 17th is open until Tuesday 10:00.
        var answer = await Post("/api/reservations/week-pattern",
            Pattern([leo.InscriptionId], "2026-09-14", "2026-09-17", "book", ("monday", "REPAS"), ("thursday", "REPAS")), leo.Family.Token, 200);
        Results(answer!["inscriptions"]![0]!).ShouldBe([("2026-09-14", "refused", "deadline"), ("2026-09-17", "booked", null)]);
    }

    [Fact]
    public async Task Another_family_s_inscription_in_the_list_is_404_and_nothing_is_decided()
    {
        var (leo, _) = await Siblings();
        var other = await EnrolledChild("Petit");
        var before = await EventCount(leo.InscriptionId);
        var theirs = await EventCount(other.InscriptionId);
        await Post("/api/reservations/week-pattern",
            Pattern([leo.InscriptionId, other.InscriptionId], "2026-10-01", "2026-10-31", "book", ("monday", "REPAS")), leo.Family.Token, 404);
        await Post("/api/reservations/week-pattern",
            Pattern([Guid.NewGuid()], "2026-10-01", "2026-10-31", "book", ("monday", "REPAS")), leo.Family.Token, 404);
        (await EventCount(leo.InscriptionId)).ShouldBe(before);
        (await EventCount(other.InscriptionId)).ShouldBe(theirs);
        (await StateOn(other.InscriptionId, other.Family.Token, "2026-10-05")).ShouldBe(CellState.Free);
    }

    [Fact]
    public async Task Bad_patterns_are_400_in_french_and_change_nothing()
    {
        var (leo, zoe) = await Siblings();
        var token = leo.Family.Token;
        var before = await EventCount(leo.InscriptionId);
        async Task Refused(object body, string field)
        {
            var problem = await Post("/api/reservations/week-pattern", body, token, 400);
            problem!["errors"]!.AsObject().Select(e => e.Key).ShouldContain(field);
        }
        await Refused(Pattern([], "2026-10-01", "2026-10-31", "book", ("monday", "REPAS")), "inscriptionIds");
        await Refused(Pattern([leo.InscriptionId, leo.InscriptionId], "2026-10-01", "2026-10-31", "book", ("monday", "REPAS")), "inscriptionIds");
        await Refused(Pattern([leo.InscriptionId], "2026-10-31", "2026-10-01", "book", ("monday", "REPAS")), "to");
        await Refused(Pattern([leo.InscriptionId], "2026-09-01", "2027-09-30", "book", ("monday", "REPAS")), "to");
        await Refused(Pattern([leo.InscriptionId], "2026-10-01", "2026-10-31", "withdraw", ("monday", "REPAS")), "action");
        await Refused(Pattern([leo.InscriptionId], "2026-10-01", "2026-10-31", "book", ("lundi", "REPAS")), "days");
        await Refused(Pattern([leo.InscriptionId], "2026-10-01", "2026-10-31", "book"), "days");
        // Wednesdays are not served, GOUTER is no unit of the canteen: no open day matches.
        await Refused(Pattern([leo.InscriptionId, zoe], "2026-10-01", "2026-10-31", "book", ("wednesday", "REPAS"), ("monday", "GOUTER")), "days");
        (await EventCount(leo.InscriptionId)).ShouldBe(before);
        await Post("/api/reservations/week-pattern", Pattern([leo.InscriptionId], "2026-10-01", "2026-10-31", "book", ("monday", "REPAS")), null, 401);
        await Post("/api/reservations/week-pattern", Pattern([leo.InscriptionId], "2026-10-01", "2026-10-31", "book", ("monday", "REPAS")), await KitchenToken(), 403);
    }
}
