using Marten;
using PortailFamille.Api.Tests.Support;
using PortailFamille.Domain.Bookings;

namespace PortailFamille.Api.Tests.Bookings;

public class ClosureAndEndTests(AppFixture app) : ApiTest(app)
{
    [Fact]
    public async Task A_closure_cancels_the_days_bookings_free_drops_the_waitlist_and_tells_each_family_once()
    {
        await Post("/api/staff/activities", ActivityBody(primaire: 1), await StaffToken(), 201);
        var first = await EnrolledChild("Durand");
        var second = await EnrolledChild("Petit");
        await Reserve(first.InscriptionId, first.Family.Token, ("2026-10-05", "book"), ("2026-10-06", "book"), ("2026-10-08", "book"));
        await Reserve(second.InscriptionId, second.Family.Token, ("2026-10-05", "book"));

        await Post("/api/staff/calendar/closures", new { from = "2026-10-05", to = "2026-10-06", reason = "closure", label = "Grève" }, await StaffToken(), 201);
        (await StateOn(first.InscriptionId, first.Family.Token, "2026-10-05")).ShouldBe(CellState.Closed);
        (await StateOn(first.InscriptionId, first.Family.Token, "2026-10-08")).ShouldBe(CellState.Booked);
        (await Get($"/api/inscriptions/{second.InscriptionId}/waitlist", second.Family.Token))!.AsArray().Count.ShouldBe(0);
        var mail = await MailTo(first.Family.Email, "Fermeture");
        mail.TextBody!.ShouldContain("lundi 5 octobre 2026");
        mail.TextBody!.ShouldContain("mardi 6 octobre 2026");
        await MailTo(second.Family.Email, "Fermeture");

        await using var session = Host.DocumentStore().QuerySession(AppFixture.TenantId);
        var events = await session.Events.FetchStreamAsync(first.InscriptionId);
        events.Select(e => e.Data).OfType<DayCancelled>().ShouldAllBe(c => c.Cause == Cause.Closure);
        events.Select(e => e.Data).OfType<DayCancelled>().Count().ShouldBe(2);
    }

    [Fact]
    public async Task Ending_an_inscription_early_releases_the_later_days_and_promotes_the_queue()
    {
        await Post("/api/staff/activities", ActivityBody(primaire: 1), await StaffToken(), 201);
        var first = await EnrolledChild("Durand");
        var second = await EnrolledChild("Petit");
        await Reserve(first.InscriptionId, first.Family.Token, ("2026-10-05", "book"), ("2026-10-08", "book"));
        await Reserve(second.InscriptionId, second.Family.Token, ("2026-10-08", "book"));

        await Put($"/api/staff/inscriptions/{first.InscriptionId}", new { to = "2026-10-06" }, await StaffToken());
        (await StateOn(first.InscriptionId, first.Family.Token, "2026-10-05")).ShouldBe(CellState.Booked);
        (await StateOn(first.InscriptionId, first.Family.Token, "2026-10-08")).ShouldBe(CellState.Closed);
        (await StateOn(second.InscriptionId, second.Family.Token, "2026-10-08")).ShouldBe(CellState.Booked);
        await MailTo(first.Family.Email, "Fin d'inscription");
        await MailTo(second.Family.Email, "Place attribuée");
    }
}
