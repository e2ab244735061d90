using System.Text.Json;
using Marten;
using Microsoft.Playwright;
using NodaTime;
using Npgsql;
using PortailFamille.Api.Infrastructure;
using PortailFamille.Domain.Common;
using PortailFamille.Domain.Money;

namespace PortailFamille.Browser.Tests;

/// <summary>The portal in a real browser, as a parent and a clerk use it.</summary>
public partial class PortalJourneyTests(PortalServer server) : PortalTest(server), IClassFixture<PortalServer>
{

    /// <summary>Canteen with one seat a day; booking open until 09:00 on the day, cancelling until 5 days before.</summary>
    private static object Canteen() => new
    {
        code = "CANTINE", label = "CANTINE 2026-2027", equipment = "ACCUEIL PERISCOLAIRE", from = "2026-09-01", to = "2027-07-02",
        weekdays = new[] { "monday", "tuesday", "thursday", "friday" }, units = new[] { "REPAS" }, mealUnits = new[] { "REPAS" },
        groups = new object[] { new { code = "PRIMAIRE", capacity = new Dictionary<string, int> { ["REPAS"] = 1 } } },
        bookingDeadline = new { daysBefore = 0, workingDays = false, at = "09:00" },
        cancellationDeadline = new { daysBefore = 5, workingDays = false, at = "10:00" },
        validation = "automatic",
        tariffs = new object[] { new { fromQf = 0, priceCents = new Dictionary<string, int> { ["REPAS"] = 250 } } },
    };

    private async Task EnsureCanteen(string staff)
    {
        var activities = await Server.SendAsync(HttpMethod.Get, "/api/activities", staff);
        if (!activities.EnumerateArray().Any(a => a.GetProperty("code").GetString() == "CANTINE"))
            await Server.SendAsync(HttpMethod.Post, "/api/staff/activities", staff, Canteen());
    }

    /// <summary>A family whose account is activated through the API (the other test activates one in the browser).</summary>
    private async Task<(Guid FamilyId, Guid InscriptionId, string Email)> ActivatedFamily(string staff, string lastName)
    {
        var family = await EnrolledChild(staff, lastName);
        var link = new Uri(await Server.LinkSentToAsync(family.Email, "/activation"));
        await Server.SendAsync(HttpMethod.Post, "/api/auth/activation", staff, new { token = link.Query.Split("token=")[1], password = ParentPassword });
        return family;
    }


    private async Task<(Guid FamilyId, Guid InscriptionId, string Email)> EnrolledChild(string staff, string lastName)
    {
        var email = $"{lastName.ToLowerInvariant()}@navigateur.test";
        var family = await Server.SendAsync(HttpMethod.Post, "/api/staff/families", staff, new
        {
            civility = "Mme", firstName = "Claire", lastName, email, phones = new { mobile1 = "06 12 34 56 78" },
            address = new { line1 = "12 rue des Oliviers", postalCode = "34120", city = "Lézignan-la-Cèbe" },
            allocataire = new { name = $"Claire {lastName}", regime = "CAF", number = "1234567" }, quotientFamilial = 650, dependentChildren = 1,
        });
        var familyId = family.GetProperty("familyId").GetGuid();
        var child = await Server.SendAsync(HttpMethod.Post, $"/api/staff/families/{familyId}/children", staff,
            new { firstName = "Léo", lastName, birthDate = "2019-03-14", sex = "M" });
        var inscription = await Server.SendAsync(HttpMethod.Post, "/api/staff/inscriptions", staff,
            new { childId = child.GetProperty("childId").GetGuid(), activityCode = "CANTINE", group = "PRIMAIRE" });
        return (familyId, inscription.GetProperty("inscriptionId").GetGuid(), email);
    }






    [Fact]
    public async Task A_parent_books_meets_a_full_day_cancels_late_and_pays_while_staff_see_the_headcount_move()
    {
        var staff = await Server.LoginAsync(PortalServer.StaffEmail, PortalServer.StaffPassword);
        await EnsureCanteen(staff);
        var other = await ActivatedFamily(staff, "Petit");
        var otherToken = await Server.LoginAsync(other.Email, ParentPassword);
        await Server.SendAsync(HttpMethod.Post, $"/api/inscriptions/{other.InscriptionId}/reservations", otherToken,
            new { changes = new[] { new { date = "2026-10-08", unit = "REPAS", action = "book" } } }); // the 8th's only seat
        var (familyId, inscriptionId, email) = await EnrolledChild(staff, "Durand");

        // The parent activates the account from the e-mailed link, then logs in.
        var parent = await NewPage();
        await parent.GotoAsync(await Server.LinkSentToAsync(email, "/activation"));
        await parent.GetByLabel("Nouveau mot de passe").FillAsync(ParentPassword);
        await parent.GetByRole(AriaRole.Button, new() { Name = "Activer mon compte" }).ClickAsync();
        await parent.GetByLabel("Adresse e-mail").WaitForAsync();
        await LogIn(parent, email, ParentPassword);
        await parent.GetByRole(AriaRole.Heading, new() { Name = "Accueil" }).WaitForAsync();
        await parent.GetByText("CANTINE 2026-2027").First.WaitForAsync();

        // Three days booked (green), the full 8th waitlisted (orange).
        var clerk = await NewPage();
        await LogIn(clerk, PortalServer.StaffEmail, PortalServer.StaffPassword);
        await clerk.GotoAsync(Server.Url + "/#/effectifs?date=2026-10-06");
        await clerk.GetByRole(AriaRole.Heading, new() { Name = "Effectifs du mar. 6 octobre" }).WaitForAsync();
        var headcount = clerk.Locator("tr[data-row=\"CANTINE|REPAS|PRIMAIRE\"] td.booked");
        (await headcount.InnerTextAsync()).ShouldBe("0");

        await parent.GotoAsync(Server.Url + $"/#/reservations/{inscriptionId}/2026-10");
        foreach (var day in new[] { "2026-10-05", "2026-10-06", "2026-10-08", "2026-10-09" }) await Cell(parent, day).ClickAsync();
        (await Cell(parent, "2026-10-05").GetAttributeAsync("class"))!.ShouldContain("click-book"); // yellow until sent
        await Submit(parent, 4);
        foreach (var day in new[] { "2026-10-05", "2026-10-06", "2026-10-09" }) (await Cell(parent, day).GetAttributeAsync("class"))!.ShouldContain("state-booked");
        (await Cell(parent, "2026-10-08").GetAttributeAsync("class"))!.ShouldContain("state-waitlisted");
        (await parent.Locator("#resultats").InnerTextAsync()).ShouldContain("complet : mis en liste d'attente");
        await Check(parent, "grille-octobre");

        // The clerk sees the 6th's headcount move (the staff views lag at most a second).
        await Eventually(async () =>
        {
            await clerk.GetByRole(AriaRole.Button, new() { Name = "Afficher" }).ClickAsync();
            await clerk.WaitForSelectorAsync("tr[data-row=\"CANTINE|REPAS|PRIMAIRE\"]");
            return await headcount.InnerTextAsync() == "1";
        });
        await Check(clerk, "effectifs");

        // Thursday the 17th: still bookable (until 09:00 that day) but its cancellation closed on the 12th.
        await parent.GotoAsync(Server.Url + $"/#/reservations/{inscriptionId}/2026-09");
        await Cell(parent, "2026-09-17").ClickAsync();
        await Submit(parent, 1);
        (await Cell(parent, "2026-09-17").GetAttributeAsync("class"))!.ShouldContain("state-locked");
        await Cell(parent, "2026-09-17").ClickAsync();
        await Submit(parent, 1);
        (await parent.Locator("#resultats li.refused").InnerTextAsync()).ShouldContain("refusé (hors délai)");
        (await Cell(parent, "2026-09-17").GetAttributeAsync("class"))!.ShouldContain("state-late");
        await Check(parent, "grille-septembre-annulation-hors-delai");

        // An invoice to pay, then the payment through the PayFiP simulator moves the balance.
        await SeedInvoice(familyId, inscriptionId, 1000);
        await parent.GotoAsync(Server.Url + "/#/compte");
        Plain(await parent.Locator("#solde-factures").InnerTextAsync()).ShouldBe("10,00 €");
        await parent.GetByRole(AriaRole.Link, new() { Name = "Détail financier par facture" }).ClickAsync();
        await parent.GetByLabel("Sélectionner la facture 2026-000001").CheckAsync();
        Plain(await parent.Locator("#total-a-regler").InnerTextAsync()).ShouldBe("10,00 €");
        await parent.GetByRole(AriaRole.Button, new() { Name = "Règlement" }).ClickAsync();
        await parent.WaitForURLAsync(url => url.Contains("/payfip-simulator/"));
        await parent.GetByRole(AriaRole.Button, new() { Name = "Payer", Exact = true }).ClickAsync();
        await parent.Locator("#paiement").WaitForAsync();
        (await parent.Locator("#paiement").InnerTextAsync()).ShouldContain("Paiement confirmé");
        Plain(await parent.Locator("#solde-factures").InnerTextAsync()).ShouldBe("0,00 €");
        await Check(parent, "compte-apres-paiement");

        // The invoiced day shows as charged on the grid ("Réservation facturée").
        await parent.GotoAsync(Server.Url + $"/#/reservations/{inscriptionId}/2026-09");
        (await Cell(parent, "2026-09-07").GetAttributeAsync("class"))!.ShouldContain("charged");
        (await Cell(parent, "2026-09-07").InnerTextAsync()).ShouldBe("€");
        (await Cell(parent, "2026-09-07").GetAttributeAsync("aria-label"))!.ShouldEndWith("réservation facturée (non modifiable)");

        _consoleErrors.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_request_is_decided_attendance_taken_and_a_day_audited_through_the_staff_pages_on_a_phone_sized_screen()
    {
        var staff = await Server.LoginAsync(PortalServer.StaffEmail, PortalServer.StaffPassword);
        await EnsureCanteen(staff);
        var (_, inscriptionId, email) = await ActivatedFamily(staff, "Moreau");
        await SeedPastBooking(inscriptionId, new LocalDate(2026, 9, 11)); // last Friday, before the clock's Monday

        var parent = await NewPage(phone: true);
        await LogIn(parent, email, ParentPassword);
        await parent.GotoAsync(Server.Url + "/#/compte/attestation-fiscale");
        await parent.GetByLabel("Année", new() { Exact = true }).FillAsync("2026");
        await EveryFieldIsLabelled(parent);
        await parent.GetByRole(AriaRole.Button, new() { Name = "Demander l'attestation" }).ClickAsync();
        await parent.GetByText("Demande envoyée").WaitForAsync();

        var clerk = await NewPage();
        await LogIn(clerk, PortalServer.StaffEmail, PortalServer.StaffPassword);
        await clerk.GotoAsync(Server.Url + "/#/en-attente");
        // The mairie's list is a projection that may lag a second behind the request: the clerk reloads until it shows.
        await Eventually(async () =>
        {
            await clerk.ReloadAsync();
            await clerk.GetByRole(AriaRole.Heading, new() { Name = "Demandes en attente" }).WaitForAsync();
            return await clerk.GetByRole(AriaRole.Button, new() { Name = "Accepter" }).CountAsync() > 0;
        });
        await Check(clerk, "personnel-demandes-en-attente");
        await clerk.GetByRole(AriaRole.Button, new() { Name = "Accepter" }).First.ClickAsync();
        await clerk.GetByRole(AriaRole.Button, new() { Name = "Accepter" }).WaitForAsync(new() { State = WaitForSelectorState.Detached });
        await parent.GotoAsync(Server.Url + "/#/tableau-de-bord/demande");
        var line = parent.Locator("main tbody tr", new() { HasText = "Attestation fiscale 2026" });
        (await line.Locator("td").Nth(3).InnerTextAsync()).ShouldBe("✔"); // the "Acceptée" column
        (await line.Locator("td").Nth(2).InnerTextAsync()).ShouldBe(""); // no longer "En attente"

        await clerk.GotoAsync(Server.Url + "/#/pointage?activityCode=CANTINE&unit=REPAS&date=2026-09-11");
        await EveryFieldIsLabelled(clerk);
        await clerk.GetByLabel("présent").First.CheckAsync();
        await Check(clerk, "personnel-pointage");
        await clerk.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le pointage" }).ClickAsync();
        await clerk.GetByText("Pointage enregistré").WaitForAsync();
        await parent.GotoAsync(Server.Url + $"/#/reservations/{inscriptionId}/2026-09");
        (await Cell(parent, "2026-09-11").GetAttributeAsync("class"))!.ShouldContain("state-present");
        await Check(parent, "grille-telephone");

        await clerk.GotoAsync(Server.Url + $"/#/audit?inscription={inscriptionId}&date=2026-09-11");
        var timeline = await clerk.Locator("main ol").InnerTextAsync();
        timeline.ShouldContain("Réservation reçue le");
        timeline.ShouldContain("Pointage du 11/09/2026");
        await Check(clerk, "personnel-audit");
        await EveryFieldIsLabelled(clerk);
        _consoleErrors.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_script_in_the_address_never_runs_and_every_page_forbids_inline_scripts_and_framing()
    {
        var staff = await Server.LoginAsync(PortalServer.StaffEmail, PortalServer.StaffPassword);
        await EnsureCanteen(staff);
        var clerk = await NewPage();
        var dialogs = 0;
        clerk.Dialog += (_, dialog) => { dialogs++; _ = dialog.DismissAsync(); };
        await LogIn(clerk, PortalServer.StaffEmail, PortalServer.StaffPassword);
        // The fragment after "#" never reaches the API (fetch drops it), so the API answers and the page draws the value.
        var payload = Uri.EscapeDataString("#\"><img src=x onerror=\"window.__xss=1;alert(1)\">");
        foreach (var route in new[]
                 {
                     $"#/effectifs?from=2026-09-14&to=2026-09-15{payload}",
                     $"#/effectifs?from=2026-09-14{payload}",
                     $"#/pointage?activityCode=CANTINE&unit=REPAS&date=2026-09-14{payload}",
                     $"#/pointage?activityCode=CANTINE&unit=REPAS{payload}&date=2026-09-14",
                 })
        {
            await clerk.GotoAsync(Server.Url + "/" + route);
            await clerk.Locator("main form").First.WaitForAsync();
            (await clerk.EvaluateAsync<bool>("() => window.__xss === 1")).ShouldBeFalse(route);
            (await clerk.Locator("main img").CountAsync()).ShouldBe(0, route);
        }
        dialogs.ShouldBe(0);

        foreach (var path in new[] { "/", "/js/main.js", "/api/me", "/swagger/index.html" })
        {
            var response = await clerk.APIRequest.GetAsync(Server.Url + path);
            var headers = response.Headers;
            headers["content-security-policy"].ShouldContain("default-src 'self'", customMessage: path);
            headers["content-security-policy"].ShouldContain("frame-ancestors 'none'", customMessage: path);
            headers["content-security-policy"].ShouldContain("script-src 'self';", customMessage: path);
            headers["x-content-type-options"].ShouldBe("nosniff", path);
            headers["referrer-policy"].ShouldBe("no-referrer", path);
        }
        // Swagger UI, a page of its own, works under its policy too.
        var swagger = await NewPage();
        await swagger.GotoAsync(Server.Url + "/swagger/index.html");
        await swagger.GetByText("Portail Famille").First.WaitForAsync();
        await swagger.Locator(".opblock").First.WaitForAsync();
        // The API refuses the poisoned unit (400) and the page says so; nothing else went wrong.
        _consoleErrors.Where(e => !e.Contains("status of 400")).ShouldBeEmpty();
    }

    /// <summary>A booking of a day already past, straight in the stream (the application clock cannot go back to book it).</summary>
    private async Task SeedPastBooking(Guid inscriptionId, LocalDate day)
    {
        await using var dataSource = new NpgsqlDataSourceBuilder(Server.Connection).UseNodaTime().Build();
        using var store = DocumentStore.For(opts => opts.ConfigurePortail(dataSource, automaticSchemaChanges: true));
        await using var session = store.LightweightSession();
        var at = Instant.FromUtc(2026, 9, 4, 8, 0);
        session.Events.Append(inscriptionId, new Domain.Bookings.DayBooked(inscriptionId, new Domain.Bookings.Slot("CANTINE", "PRIMAIRE", "REPAS", day),
            at, new Domain.Bookings.SeatEvidence(1, 1), Actor.System, at));
        await session.SaveChangesAsync();
    }

    /// <summary>A September invoice of the inscription, written straight to the store (invoicing needs a month that has ended).</summary>
    private async Task SeedInvoice(Guid familyId, Guid inscriptionId, int cents, string number = "2026-000001")
    {
        await using var dataSource = new NpgsqlDataSourceBuilder(Server.Connection).UseNodaTime().Build();
        using var store = DocumentStore.For(opts => opts.ConfigurePortail(dataSource, automaticSchemaChanges: true));
        await using var session = store.LightweightSession();
        var invoiceId = Guid.NewGuid();
        var at = Instant.FromUtc(2026, 9, 14, 8, 0);
        var line = new ChargeLine(inscriptionId, Guid.Empty, "Léo Durand", "CANTINE", "CANTINE 2026-2027", "REPAS", 650, cents, [new LocalDate(2026, 9, 7)], cents);
        session.Events.StartStream<Invoice>(invoiceId, new InvoiceIssued(invoiceId, familyId, number, "2026-08", new LocalDate(2026, 9, 1),
            new Addressee("Mme Claire Durand", "12 rue des Oliviers", null, "34120", "Lézignan-la-Cèbe"), [line], cents, Actor.System, at));
        session.Events.Append(inscriptionId, new MonthCharged(inscriptionId, invoiceId, number, "2026-08", [line], cents, Actor.System, at));
        await session.SaveChangesAsync();
    }

}
