using PortailFamille.Api.Tests.Support;

namespace PortailFamille.Api.Tests.Portal;

public class PortalEndpointsTests(AppFixture app) : ApiTest(app)
{
    [Fact]
    public async Task The_commune_block_is_public_and_comes_from_the_settings()
    {
        var commune = (await Get("/api/commune", null))!;
        commune["contact"]!["name"]!.GetValue<string>().ShouldBe("Mairie de Lézignan-la-Cèbe");
        commune["contact"]!["phone"]!.GetValue<string>().ShouldBe("04 67 98 13 68");
        commune["contact"]!["email"]!.GetValue<string>().ShouldBe("accueil@lezignanlacebe.fr");
        commune["legalNotice"]!.GetValue<string>().ShouldContain("Responsable du traitement");
        commune["paymentAllowed"]!.GetValue<bool>().ShouldBeTrue();
        commune["partialPaymentAllowed"]!.GetValue<bool>().ShouldBeFalse();
    }

    [Fact]
    public async Task Home_shows_the_next_days_held_the_next_cut_offs_what_waits_and_the_balance_of_the_family_only()
    {
        await CreateActivity();
        var child = await EnrolledChild();
        var other = await EnrolledChild("Petit");
        await Reserve(child.InscriptionId, child.Family.Token, ("2026-10-05", "book"), ("2026-10-06", "book"));
        await Post("/api/requests", new { type = "attestation-fiscale", year = 2026 }, child.Family.Token, 201);

        // Monday 14 September, 10:00: Thursday 17 is the first day still bookable (until Tuesday 15, 10:00 Paris).
        var home = (await Get("/api/home", child.Family.Token))!;
        home["today"]!.GetValue<string>().ShouldBe("2026-09-14");
        home["invoicesBalanceCents"]!.GetValue<int>().ShouldBe(0);
        var inscription = home["inscriptions"]!.AsArray().Single()!;
        inscription["inscriptionId"]!.GetValue<Guid>().ShouldBe(child.InscriptionId);
        inscription["nextDays"]!.AsArray().Select(d => (d!["date"]!.GetValue<string>(), d["state"]!.GetValue<string>()))
            .ShouldBe([("2026-10-05", "booked"), ("2026-10-06", "booked")]);
        inscription["nextBooking"]!["date"]!.GetValue<string>().ShouldBe("2026-09-17");
        inscription["nextBooking"]!["until"]!.GetValue<string>().ShouldBe("2026-09-15T08:00:00Z");
        // Monday 5 October can be cancelled until Thursday 1 October, 10:00 Paris.
        inscription["nextCancellation"]!["date"]!.GetValue<string>().ShouldBe("2026-10-05");
        inscription["nextCancellation"]!["until"]!.GetValue<string>().ShouldBe("2026-10-01T08:00:00Z");
        home["pending"]!.AsArray().Select(p => p!["subject"]!.GetValue<string>()).ShouldBe(["Attestation fiscale 2026"]);

        // Another family sees only its own inscription, with nothing held.
        var theirs = (await Get("/api/home", other.Family.Token))!;
        theirs["inscriptions"]!.AsArray().Single()!["inscriptionId"]!.GetValue<Guid>().ShouldBe(other.InscriptionId);
        theirs["inscriptions"]![0]!["nextDays"]!.AsArray().ShouldBeEmpty();
        theirs["pending"]!.AsArray().ShouldBeEmpty();
        await Get("/api/home", await StaffToken(), 403);
        await Get("/api/home", null, 401);
    }

    [Fact]
    public async Task The_grid_marks_the_days_an_invoice_charged_and_only_those()
    {
        await CreateActivity();
        var child = await EnrolledChild();
        await SeedInvoice(child, 250); // charges Thursday 17 September
        var days = (await Get($"/api/inscriptions/{child.InscriptionId}/planning?month=2026-09", child.Family.Token))!["days"]!.AsArray();
        days.Where(d => d!["cells"]!["REPAS"]!["charged"]!.GetValue<bool>()).Select(d => d!["date"]!.GetValue<string>()).ShouldBe(["2026-09-17"]);
    }
}
