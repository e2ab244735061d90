using PortailFamille.Domain.Bookings;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using PortailFamille.Api.Bookings;
using PortailFamille.Api.Tests.Support;

namespace PortailFamille.Api.Tests.Bookings;

public class WaitlistTests(AppFixture app) : ApiTest(app)
{
    private async Task<(Enrolled First, Enrolled Second, Enrolled Third)> OneSeatCanteen()
    {
        await Post("/api/staff/activities", ActivityBody(primaire: 1), await StaffToken(), 201);
        return (await EnrolledChild("Durand"), await EnrolledChild("Petit"), await EnrolledChild("Moreau"));
    }

    [Fact]
    public async Task A_full_day_waitlists_shows_the_position_and_emails_once()
    {
        var (first, second, third) = await OneSeatCanteen();
        (await Reserve(first.InscriptionId, first.Family.Token, ("2026-10-05", "book")))[0].Outcome.ShouldBe(Outcome.Booked);
        var waitlisted = await Reserve(second.InscriptionId, second.Family.Token, ("2026-10-05", "book"), ("2026-10-06", "book"), ("2026-10-08", "book"));
        waitlisted[0].Outcome.ShouldBe(Outcome.Waitlisted);
        waitlisted[0].State.ShouldBe(CellState.Waitlisted);
        await Reserve(third.InscriptionId, third.Family.Token, ("2026-10-05", "book"));

        var places = (await Get($"/api/inscriptions/{third.InscriptionId}/waitlist", third.Family.Token))!.AsArray();
        places.Single()!["position"]!.GetValue<int>().ShouldBe(2);
        places.Single()!["date"]!.GetValue<string>().ShouldBe("2026-10-05");
        (await Get($"/api/inscriptions/{second.InscriptionId}/waitlist", second.Family.Token))!.AsArray().Single()!["position"]!.GetValue<int>().ShouldBe(1);

        var mail = await MailTo(second.Family.Email, "liste d'attente");
        mail.TextBody!.ShouldContain("lundi 5 octobre 2026 (REPAS)");
        App.Smtp.Received.Count(m => m.To.Mailboxes.Any(b => b.Address == second.Family.Email) && m.Subject!.Contains("attente")).ShouldBe(1);
    }

    [Fact]
    public async Task A_cancellation_promotes_the_oldest_waitlisted_day_at_once_and_emails_its_parent()
    {
        var (first, second, third) = await OneSeatCanteen();
        await Reserve(first.InscriptionId, first.Family.Token, ("2026-10-05", "book"));
        await Reserve(second.InscriptionId, second.Family.Token, ("2026-10-05", "book"));
        await Reserve(third.InscriptionId, third.Family.Token, ("2026-10-05", "book"));

        await Reserve(first.InscriptionId, first.Family.Token, ("2026-10-05", "cancel"));
        (await StateOn(second.InscriptionId, second.Family.Token, "2026-10-05")).ShouldBe(CellState.Booked);
        (await StateOn(third.InscriptionId, third.Family.Token, "2026-10-05")).ShouldBe(CellState.Waitlisted);
        (await Get($"/api/inscriptions/{third.InscriptionId}/waitlist", third.Family.Token))!.AsArray().Single()!["position"]!.GetValue<int>().ShouldBe(1);
        (await MailTo(second.Family.Email, "Place attribuée")).TextBody!.ShouldContain("lundi 5 octobre 2026");
    }

    [Fact]
    public async Task Raising_the_capacity_promotes_waitlisted_days()
    {
        var (first, second, third) = await OneSeatCanteen();
        foreach (var child in new[] { first, second, third })
            await Reserve(child.InscriptionId, child.Family.Token, ("2026-10-05", "book"), ("2026-10-06", "book"));
        await Put("/api/staff/activities/CANTINE/capacity", new { group = "PRIMAIRE", unit = "REPAS", capacity = 2 }, await StaffToken());
        (await StateOn(second.InscriptionId, second.Family.Token, "2026-10-05")).ShouldBe(CellState.Booked);
        (await StateOn(second.InscriptionId, second.Family.Token, "2026-10-06")).ShouldBe(CellState.Booked);
        (await StateOn(third.InscriptionId, third.Family.Token, "2026-10-05")).ShouldBe(CellState.Waitlisted);
        (await MailTo(second.Family.Email, "Place attribuée")).TextBody!.ShouldContain("mardi 6 octobre 2026");
    }

    [Fact]
    public async Task Lowering_the_capacity_keeps_bookings_and_new_requests_wait()
    {
        await Post("/api/staff/activities", ActivityBody(primaire: 2), await StaffToken(), 201);
        var first = await EnrolledChild("Durand");
        var second = await EnrolledChild("Petit");
        var third = await EnrolledChild("Moreau");
        await Reserve(first.InscriptionId, first.Family.Token, ("2026-10-05", "book"));
        await Reserve(second.InscriptionId, second.Family.Token, ("2026-10-05", "book"));
        await Put("/api/staff/activities/CANTINE/capacity", new { group = "PRIMAIRE", unit = "REPAS", capacity = 1 }, await StaffToken());
        (await StateOn(second.InscriptionId, second.Family.Token, "2026-10-05")).ShouldBe(CellState.Booked);
        (await Reserve(third.InscriptionId, third.Family.Token, ("2026-10-05", "book")))[0].Outcome.ShouldBe(Outcome.Waitlisted);
        // One seat freed: still 1 taken of 1, so the queue keeps waiting.
        await Reserve(first.InscriptionId, first.Family.Token, ("2026-10-05", "cancel"));
        (await StateOn(third.InscriptionId, third.Family.Token, "2026-10-05")).ShouldBe(CellState.Waitlisted);
        await Reserve(second.InscriptionId, second.Family.Token, ("2026-10-05", "cancel"));
        (await StateOn(third.InscriptionId, third.Family.Token, "2026-10-05")).ShouldBe(CellState.Booked);
    }

    [Fact]
    public async Task A_waitlisted_day_is_withdrawn_at_any_time_and_leaves_the_queue()
    {
        var (first, second, third) = await OneSeatCanteen();
        await Reserve(first.InscriptionId, first.Family.Token, ("2026-10-05", "book"));
        await Reserve(second.InscriptionId, second.Family.Token, ("2026-10-05", "book"));
        await Reserve(third.InscriptionId, third.Family.Token, ("2026-10-05", "book"));
        (await Reserve(second.InscriptionId, second.Family.Token, ("2026-10-05", "withdraw")))[0].Outcome.ShouldBe(Outcome.Withdrawn);
        (await Get($"/api/inscriptions/{third.InscriptionId}/waitlist", third.Family.Token))!.AsArray().Single()!["position"]!.GetValue<int>().ShouldBe(1);
        await Reserve(first.InscriptionId, first.Family.Token, ("2026-10-05", "cancel"));
        (await StateOn(third.InscriptionId, third.Family.Token, "2026-10-05")).ShouldBe(CellState.Booked);
        (await StateOn(second.InscriptionId, second.Family.Token, "2026-10-05")).ShouldBe(CellState.Free);
    }

    [Fact]
    public async Task A_waitlisted_day_not_promoted_by_its_cut_off_expires_and_is_never_promoted_after()
    {
        var (first, second, _) = await OneSeatCanteen();
        await Reserve(first.InscriptionId, first.Family.Token, ("2026-10-05", "book"));
        await Reserve(second.InscriptionId, second.Family.Token, ("2026-10-05", "book"));

        SetNow(Instant.FromUtc(2026, 10, 1, 8, 0)); // Thursday 1 Oct 10:00 Paris: the cut-off of Monday 5 Oct
        var parent = await Login(second.Family.Email, ParentPassword);
        (await StateOn(second.InscriptionId, parent, "2026-10-05")).ShouldBe(CellState.Free);
        (await Get($"/api/inscriptions/{second.InscriptionId}/waitlist", parent))!.AsArray().Count.ShouldBe(0);

        var expired = await SweepWork.RunAsync(Host.Services.InCommune<BookingDesk>(), CancellationToken.None);
        expired.ShouldBe(1);
        var staff = await StaffToken();
        await Reserve(first.InscriptionId, staff, ("2026-10-05", "cancel")); // refused: too late anyway
        (await StateOn(second.InscriptionId, parent, "2026-10-05")).ShouldBe(CellState.Free);
    }

    [Fact]
    public async Task The_sweep_visits_every_candidate_page_by_page_even_behind_ones_not_due_yet()
    {
        var (first, second, third) = await OneSeatCanteen();
        await Reserve(first.InscriptionId, first.Family.Token, ("2026-10-05", "book"), ("2026-10-08", "book"), ("2026-10-09", "book"));
        await Reserve(second.InscriptionId, second.Family.Token, ("2026-10-05", "book"));
        // Waitlisted on days whose cut-off is still ahead on 1 October: candidates that are not due.
        await Reserve(third.InscriptionId, third.Family.Token, ("2026-10-08", "book"), ("2026-10-09", "book"));

        SetNow(Instant.FromUtc(2026, 10, 1, 8, 0)); // the cut-off of Monday 5 Oct only
        // One candidate per page: whichever comes first, the run goes on to the next.
        var expired = await SweepWork.RunAsync(Host.Services.InCommune<BookingDesk>(), CancellationToken.None, pageSize: 1);
        expired.ShouldBe(1);
        var staff = await StaffToken();
        (await StateOn(second.InscriptionId, staff, "2026-10-05")).ShouldBe(CellState.Free);
        (await StateOn(third.InscriptionId, staff, "2026-10-08")).ShouldBe(CellState.Waitlisted);
    }
}
