using System.Text.Json;
using Microsoft.Playwright;

namespace PortailFamille.Browser.Tests;

/// <summary>A server of its own for the clerk's year: its clock is moved on (a month ends, invoicing opens).</summary>
public sealed class MairieServer : PortalServer
{
    protected override string AxeReportName => "axe-report-mairie.md";
}

/// <summary>
/// The clerk's year, as a person walks it: an activity created and its capacity changed, a closure set, parents book
/// and a full day sends the next child to the waitlist, a manual day accepted, attendance marked, the month invoiced after
/// its preview, a cheque and a credit note, the audit of a billed day, a family file erased; and the kitchen prints
/// its counts. Every page is checked by axe-core and photographed.
/// </summary>
public class ClerkYearTests(MairieServer server) : PortalTest(server), IClassFixture<MairieServer>
{
    private static object Canteen() => new
    {
        code = "CANTINE", label = "CANTINE 2026-2027", equipment = "ACCUEIL PERISCOLAIRE", from = "2026-09-01", to = "2027-07-02",
        weekdays = new[] { "monday", "tuesday", "thursday", "friday" }, units = new[] { "REPAS" }, mealUnits = new[] { "REPAS" },
        groups = new object[] { new { code = "PRIMAIRE", capacity = new Dictionary<string, int> { ["REPAS"] = 1 } } },
        bookingDeadline = new { daysBefore = 2, workingDays = true, at = "10:00" },
        cancellationDeadline = new { daysBefore = 2, workingDays = true, at = "10:00" },
        validation = "automatic",
        tariffs = new object[] { new { fromQf = 0, priceCents = new Dictionary<string, int> { ["REPAS"] = 250 } } },
    };

    /// <summary>A family with one child enrolled at the canteen and the Wednesdays, its account activated.</summary>
    private async Task<(Guid FamilyId, Guid Canteen, Guid Wednesday, string Email)> Family(string staff, string lastName)
    {
        var email = $"{lastName.ToLowerInvariant()}@mairie-annee.test";
        var family = await Server.SendAsync(HttpMethod.Post, "/api/staff/families", staff, new
        {
            civility = "Mme", firstName = "Claire", lastName, email, phones = new { mobile1 = "06 12 34 56 78" },
            address = new { line1 = "12 rue des Oliviers", postalCode = "34120", city = "Lézignan-la-Cèbe" },
            allocataire = new { name = $"Claire {lastName}", regime = "CAF", number = "1234567" }, quotientFamilial = 650, dependentChildren = 1,
        });
        var familyId = family.GetProperty("familyId").GetGuid();
        var child = (await Server.SendAsync(HttpMethod.Post, $"/api/staff/families/{familyId}/children", staff,
            new { firstName = "Léo", lastName, birthDate = "2019-03-14", sex = "M" })).GetProperty("childId").GetGuid();
        Guid Enrol(JsonElement e) => e.GetProperty("inscriptionId").GetGuid();
        var canteen = Enrol(await Server.SendAsync(HttpMethod.Post, "/api/staff/inscriptions", staff, new { childId = child, activityCode = "CANTINE", group = "PRIMAIRE" }));
        var wednesday = Enrol(await Server.SendAsync(HttpMethod.Post, "/api/staff/inscriptions", staff, new { childId = child, activityCode = "MERCREDI", group = "PRIMAIRE" }));
        var link = new Uri(await Server.LinkSentToAsync(email, "/activation"));
        await Server.SendAsync(HttpMethod.Post, "/api/auth/activation", staff, new { token = link.Query.Split("token=")[1], password = ParentPassword });
        return (familyId, canteen, wednesday, email);
    }

    private async Task<IPage> Clerk()
    {
        var clerk = await NewPageAt(1280);
        await LogIn(clerk, PortalServer.StaffEmail, PortalServer.StaffPassword);
        return clerk;
    }

    private static Task Book(PortalServer server, string token, Guid inscriptionId, params string[] dates) =>
        server.SendAsync(HttpMethod.Post, $"/api/inscriptions/{inscriptionId}/reservations", token,
            new { changes = dates.Select(date => new { date, unit = "REPAS", action = "book" }).ToArray() });

    [Fact]
    public async Task The_clerks_year_runs_from_the_browser()
    {
        var staff = await Server.LoginAsync(PortalServer.StaffEmail, PortalServer.StaffPassword);
        await Server.SendAsync(HttpMethod.Post, "/api/staff/activities", staff, Canteen());
        var clerk = await Clerk();

        // Activités: the Wednesdays, validated by the mairie, created from the form; then one more seat.
        await Tab(clerk, "Activités");
        await Heading(clerk, "Activités");
        await Check(clerk, "mairie-activites");
        await clerk.GetByRole(AriaRole.Link, new() { Name = "Créer une activité" }).ClickAsync();
        await Heading(clerk, "Créer une activité");
        await clerk.GetByLabel("Code").FillAsync("MERCREDI");
        await clerk.GetByLabel("Libellé").FillAsync("MERCREDIS 2026-2027");
        await clerk.GetByLabel("Du", new() { Exact = true }).FillAsync("2026-09-01");
        await clerk.GetByLabel("Au", new() { Exact = true }).FillAsync("2027-07-02");
        await clerk.GetByLabel("mercredi", new() { Exact = true }).CheckAsync();
        await clerk.GetByLabel("Groupes (séparés par des virgules)").FillAsync("PRIMAIRE");
        await clerk.GetByLabel("Groupes (séparés par des virgules)").DispatchEventAsync("change");
        await clerk.GetByLabel("Places PRIMAIRE REPAS").FillAsync("1");
        await clerk.GetByLabel("Validation").SelectOptionAsync("manual");
        await clerk.GetByLabel("Tranche 1 : prix REPAS en euros").FillAsync("3,00");
        await EveryFieldIsLabelled(clerk);
        await Check(clerk, "mairie-nouvelle-activite");
        await clerk.GetByRole(AriaRole.Button, new() { Name = "Créer l'activité" }).ClickAsync();
        await Heading(clerk, "MERCREDI – MERCREDIS 2026-2027");
        var capacity = clerk.Locator("form#capacite");
        await capacity.GetByLabel("Places").FillAsync("2");
        await capacity.GetByRole(AriaRole.Button, new() { Name = "Changer la capacité" }).ClickAsync();
        await clerk.Locator("main").GetByText("Capacité du groupe PRIMAIRE pour REPAS portée à 2 place(s).").WaitForAsync();
        await Check(clerk, "mairie-activite");

        // Calendrier: a strike closes Thursday 1 October.
        await Tab(clerk, "Calendrier");
        await Heading(clerk, "Calendrier 2026-2027");
        var closure = clerk.Locator("form#fermeture");
        await closure.GetByLabel("Du", new() { Exact = true }).FillAsync("2026-10-01");
        await closure.GetByLabel("Au", new() { Exact = true }).FillAsync("2026-10-01");
        await closure.GetByLabel("Libellé").FillAsync("Grève");
        await closure.GetByRole(AriaRole.Button, new() { Name = "Ajouter la fermeture" }).ClickAsync();
        await clerk.Locator("main").GetByText("Fermeture ajoutée.").WaitForAsync();
        await clerk.GetByRole(AriaRole.Cell, new() { Name = "Grève", Exact = true }).WaitForAsync();
        // The Ministry's file: its zone C holidays are the ones shipped, so nothing is added twice.
        var ministry = Path.Combine(PortalServer.FindRepository(), "tests", "Domain.Tests", "Calendar", "calendrier-scolaire-zone-c-2026-2027.json");
        await clerk.GetByLabel("Fichier du ministère").SetInputFilesAsync(ministry);
        await clerk.GetByRole(AriaRole.Button, new() { Name = "Importer" }).ClickAsync();
        await clerk.Locator("main").GetByText(new System.Text.RegularExpressions.Regex(@"\d+ période\(s\) lue\(s\), 0 ajoutée\(s\)\.")).WaitForAsync();
        // A closure recorded by mistake is deleted, after its confirmation.
        await closure.GetByLabel("Du", new() { Exact = true }).FillAsync("2026-11-10");
        await closure.GetByLabel("Au", new() { Exact = true }).FillAsync("2026-11-10");
        await closure.GetByLabel("Libellé").FillAsync("Pont par erreur");
        await closure.GetByRole(AriaRole.Button, new() { Name = "Ajouter la fermeture" }).ClickAsync();
        await clerk.GetByRole(AriaRole.Button, new() { Name = "Supprimer Pont par erreur" }).ClickAsync();
        await clerk.GetByRole(AriaRole.Button, new() { Name = "Oui, supprimer" }).ClickAsync();
        await clerk.Locator("main").GetByText("Période supprimée.").WaitForAsync();
        (await clerk.GetByRole(AriaRole.Cell, new() { Name = "Pont par erreur", Exact = true }).CountAsync()).ShouldBe(0);
        await EveryFieldIsLabelled(clerk);
        await Check(clerk, "mairie-calendrier");

        // Parents book: the 5th's only seat goes to Durand, Petit waits; Durand asks for Wednesday the 7th.
        var durand = await Family(staff, "Durand");
        var petit = await Family(staff, "Petit");
        var durandToken = await Server.LoginAsync(durand.Email, ParentPassword);
        await Book(Server, durandToken, durand.Canteen, "2026-10-05", "2026-11-05");
        await Book(Server, await Server.LoginAsync(petit.Email, ParentPassword), petit.Canteen, "2026-10-05");
        await Book(Server, durandToken, durand.Wednesday, "2026-10-07");
        await Book(Server, await Server.LoginAsync(petit.Email, ParentPassword), petit.Wednesday, "2026-10-14");
        var parent = await NewPage();
        await LogIn(parent, durand.Email, ParentPassword);
        await parent.GotoAsync(Server.Url + $"/#/reservations/{durand.Canteen}/2026-10");
        (await Cell(parent, "2026-10-05").GetAttributeAsync("class"))!.ShouldContain("state-booked");
        (await parent.Locator("td.state-closed[title='Grève']").CountAsync()).ShouldBe(1); // the strike closed the 1st

        // The mairie's dashboard: October's picture marks the 5th full.
        await clerk.GotoAsync(Server.Url + "/#/mairie?date=2026-10-05&mois=2026-10");
        await Eventually(async () =>
        {
            await clerk.ReloadAsync();
            await Heading(clerk, "Tableau de bord de la mairie");
            return (await clerk.Locator("td[title*='CANTINE REPAS, lundi 5 octobre']").InnerTextAsync()).Contains('●');
        });
        (await clerk.Locator("td[title*='CANTINE REPAS, lundi 5 octobre']").GetAttributeAsync("title"))!.ShouldContain("1 en liste d'attente");
        await Check(clerk, "mairie-tableau-de-bord-octobre");

        // Demandes: a request refused with its reason; the Wednesday, accepted with the day's button.
        await Server.SendAsync(HttpMethod.Post, "/api/requests", durandToken, new { type = "attestation-fiscale", year = 2025 });
        await Tab(clerk, "Demandes en attente");
        await Heading(clerk, "Demandes en attente");
        var request = clerk.Locator("form.decision");
        await request.GetByLabel("Motif du refus").FillAsync("Aucun paiement en 2025");
        await request.GetByRole(AriaRole.Button, new() { Name = "Refuser" }).ClickAsync();
        await clerk.Locator("main").GetByText("Demande refusée.").WaitForAsync();
        await clerk.GetByLabel("Motif en cas de refus (MERCREDI mer. 14 octobre)").FillAsync("Sortie réservée aux inscrits du trimestre");
        await clerk.GetByRole(AriaRole.Button, new() { Name = "Refuser Léo Petit mer. 14 octobre REPAS" }).ClickAsync();
        await clerk.Locator("main").GetByText("Décision enregistrée.").WaitForAsync();
        // The family receives the reason with the decision.
        await Eventually(async () =>
        {
            foreach (var file in Directory.GetFiles(Server.MailDirectory, "*.eml"))
            {
                var mail = await MimeKit.MimeMessage.LoadAsync(file);
                if (mail.To.Mailboxes.Any(m => m.Address == petit.Email) && (mail.TextBody ?? "").Contains("Sortie réservée aux inscrits du trimestre")) return true;
            }
            return false;
        });
        await clerk.GetByRole(AriaRole.Button, new() { Name = "Tout accepter pour ce jour : MERCREDI mer. 7 octobre" }).ClickAsync();
        await clerk.Locator("main").GetByText("1 demande(s) acceptée(s).").WaitForAsync();
        await Check(clerk, "mairie-demandes");

        // Monday 5 October, afternoon: the canteen's sheet, everyone present.
        await Server.TravelToAsync("2026-10-05T14:00:00Z");
        clerk = await Clerk();
        await clerk.GotoAsync(Server.Url + "/#/pointage?activityCode=CANTINE&unit=REPAS&date=2026-10-05");
        await Heading(clerk, "Pointage");
        await clerk.Locator("main").GetByText("1 enfant(s) attendu(s)").WaitForAsync();
        await clerk.GetByRole(AriaRole.Button, new() { Name = "Tous présents" }).ClickAsync();
        await clerk.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le pointage" }).ClickAsync();
        await clerk.Locator("main").GetByText("Pointage enregistré.").WaitForAsync();
        await EveryFieldIsLabelled(clerk);
        await Check(clerk, "mairie-pointage");

        // November: October is over. The régie previews, then issues, the month's invoices.
        await Server.TravelToAsync("2026-11-02T08:00:00Z");
        clerk = await Clerk();
        await Tab(clerk, "Régie");
        await Heading(clerk, "Régie");
        await clerk.GetByLabel("Mois", new() { Exact = true }).First.FillAsync("2026-10");
        await clerk.GetByRole(AriaRole.Button, new() { Name = "Voir l'aperçu" }).ClickAsync();
        await clerk.Locator("main").GetByText("1 facture(s)", new() { Exact = true }).WaitForAsync();
        Plain(await clerk.Locator(".memo").InnerTextAsync()).ShouldContain("pour 5,50 €");
        await Check(clerk, "mairie-regie-apercu");
        await clerk.GetByRole(AriaRole.Button, new() { Name = "Émettre 1 facture(s) pour octobre 2026" }).ClickAsync();
        await clerk.GetByRole(AriaRole.Link, new() { Name = "2026-000001" }).ClickAsync();
        await Heading(clerk, "Facture 2026-000001");
        await Check(clerk, "mairie-facture");

        // A cheque for the canteen's part, a credit note for the rest.
        var payment = clerk.Locator("form#reglement");
        await payment.GetByLabel("Montant (€)").FillAsync("2,50");
        await payment.GetByLabel("Mode de paiement").SelectOptionAsync("cheque");
        await payment.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le paiement" }).ClickAsync();
        await clerk.Locator("main").GetByText("Paiement enregistré.").WaitForAsync();
        var credit = clerk.Locator("form#avoir");
        await credit.GetByLabel("Montant (€)").FillAsync("3");
        await credit.GetByLabel("Motif").FillAsync("Sortie annulée par le centre");
        await credit.GetByRole(AriaRole.Button, new() { Name = "Émettre l'avoir" }).ClickAsync();
        await clerk.Locator("main").GetByText("Avoir émis.").WaitForAsync();
        var settled = Plain(await clerk.Locator("main dl").InnerTextAsync());
        settled.ShouldContain("0,00 €");
        settled.ShouldContain("payée");
        await EveryFieldIsLabelled(clerk);

        // "Pourquoi ?" from the invoice's day: the timeline says it was booked, then attended.
        await clerk.GetByRole(AriaRole.Link, new() { Name = "05/10/2026 : pourquoi ce jour est facturé ?" }).ClickAsync();
        await Heading(clerk, "Audit d'une inscription");
        var timeline = await clerk.Locator("ol.chronologie").InnerTextAsync();
        timeline.ShouldContain("place attribuée");
        timeline.ShouldContain("Pointage du 05/10/2026");
        await clerk.GetByLabel("À l'instant (heure de Paris)").FillAsync("2026-10-02T12:00");
        await clerk.GetByRole(AriaRole.Button, new() { Name = "Rejouer l'historique" }).ClickAsync();
        await clerk.GetByRole(AriaRole.Heading, new() { Name = "La grille au 02/10/2026 12:00 : octobre 2026" }).WaitForAsync();
        await Check(clerk, "mairie-audit");
        await clerk.GotoAsync(Server.Url + "/#/regie/paiements");
        await Heading(clerk, "Paiements en ligne");
        await Check(clerk, "mairie-paiements-en-ligne");

        // Comptes: a login for the kitchen.
        await Tab(clerk, "Comptes");
        await Heading(clerk, "Comptes du personnel");
        await clerk.GetByLabel("Adresse e-mail").FillAsync("cuisine@mairie-annee.test");
        await clerk.GetByLabel("Rôle").SelectOptionAsync("kitchen");
        await clerk.GetByRole(AriaRole.Button, new() { Name = "Créer le compte" }).ClickAsync();
        await clerk.GetByRole(AriaRole.Cell, new() { Name = "cuisine@mairie-annee.test", Exact = true }).WaitForAsync();
        await Check(clerk, "mairie-comptes");

        // The family file of the Petit family is erased, with its confirmation.
        await clerk.GotoAsync(Server.Url + "/#/familles?q=petit");
        await clerk.GetByRole(AriaRole.Link, new() { Name = "Petit Claire" }).ClickAsync();
        await clerk.GetByRole(AriaRole.Link, new() { Name = "Effacer la fiche…" }).ClickAsync();
        await Heading(clerk, "Effacer une fiche famille");
        await clerk.GetByLabel("Motif").FillAsync("Demande de la famille (RGPD, article 17)");
        await clerk.GetByLabel("Pour confirmer, saisissez le nom de la famille (Petit)").FillAsync("Petti");
        await clerk.GetByRole(AriaRole.Button, new() { Name = "Effacer la fiche" }).ClickAsync();
        await clerk.Locator("main").GetByText("Le nom saisi ne correspond pas : rien n'a été effacé.").WaitForAsync();
        await Check(clerk, "mairie-effacement");
        await clerk.GetByLabel("Pour confirmer, saisissez le nom de la famille (Petit)").FillAsync("Petit");
        await clerk.GetByRole(AriaRole.Button, new() { Name = "Effacer la fiche" }).ClickAsync();
        await Heading(clerk, "Familles");
        await clerk.GotoAsync(Server.Url + "/#/familles?q=petit");
        await clerk.Locator("main").GetByText("Aucune famille ne correspond.").WaitForAsync();

        // Durand asks for a packed lunch (PAI) and a vegetarian diet; the mairie accepts; the clerk sees Léo on Thursday's PAI list.
        parent = await NewPage();
        await LogIn(parent, durand.Email, ParentPassword);
        await parent.GotoAsync(Server.Url + "/#/famille");
        await Heading(parent, "Ma famille");
        await parent.GetByText("Modifier mes informations").ClickAsync();
        await parent.GetByLabel("Régime alimentaire").SelectOptionAsync(new SelectOptionValue { Label = "végétarien" });
        await parent.GetByLabel("PAI (projet d'accueil individualisé)").SelectOptionAsync(new SelectOptionValue { Label = "panier repas" });
        await parent.GetByRole(AriaRole.Button, new() { Name = "Envoyer la demande de modification" }).ClickAsync();
        await parent.Locator("main").GetByText("Demande envoyée à la mairie").WaitForAsync();
        await Check(parent, "famille-demande-regime");
        await Tab(clerk, "Demandes en attente");
        await Heading(clerk, "Demandes en attente");
        Plain(await clerk.Locator("form.decision").Locator("xpath=ancestor::tr").InnerTextAsync()).ShouldContain("Régime alimentaire : « végétarien »");
        await clerk.Locator("form.decision").GetByRole(AriaRole.Button, new() { Name = "Accepter" }).ClickAsync();
        await clerk.Locator("main").GetByText("Demande acceptée.").WaitForAsync();
        await clerk.GotoAsync(Server.Url + "/#/cuisine?date=2026-11-05");
        var paiList = clerk.GetByRole(AriaRole.Table, new() { Name = "Enfants avec un PAI le jeu. 5 novembre" });
        (await paiList.InnerTextAsync()).ShouldContain("Léo\tPRIMAIRE\tCANTINE REPAS\tpanier repas\tvégétarien");
        await Check(clerk, "mairie-cuisine-pai");

        // The kitchen activates its login and prints Thursday's meals, split by diet with the PAI count.
        var kitchen = await NewPageAt(1280);
        await kitchen.GotoAsync(await Server.LinkSentToAsync("cuisine@mairie-annee.test", "/activation"));
        await kitchen.GetByLabel("Nouveau mot de passe").FillAsync("Cuisine-Mairie-2026!");
        await kitchen.GetByRole(AriaRole.Button, new() { Name = "Activer mon compte" }).ClickAsync();
        await kitchen.GetByLabel("Adresse e-mail").WaitForAsync();
        await LogIn(kitchen, "cuisine@mairie-annee.test", "Cuisine-Mairie-2026!");
        await Heading(kitchen, "Repas à préparer");
        (await kitchen.GetByRole(AriaRole.Navigation, new() { Name = "Menu principal" }).GetByRole(AriaRole.Link).AllInnerTextsAsync())
            .ShouldBe(["Repas", "Effectifs", "Pointage", "Mot de passe"]);
        await kitchen.GotoAsync(Server.Url + "/#/cuisine?date=2026-11-05");
        await kitchen.GetByRole(AriaRole.Table, new() { Name = "Repas du jeu. 5 novembre", Exact = true }).WaitForAsync();
        (await kitchen.GetByRole(AriaRole.Table, new() { Name = "Repas du jeu. 5 novembre", Exact = true }).InnerTextAsync()).ShouldContain("CANTINE\tREPAS\tPRIMAIRE\t1");
        var byDiet = await kitchen.GetByRole(AriaRole.Table, new() { Name = "Repas du jeu. 5 novembre par régime et PAI" }).InnerTextAsync();
        byDiet.ShouldContain("CANTINE\tREPAS\tvégétarien – PAI panier repas\t1");
        byDiet.ShouldContain("dont PAI\t1");
        (await kitchen.GetByRole(AriaRole.Table, new() { Name = "Enfants avec un PAI le jeu. 5 novembre" }).CountAsync()).ShouldBe(0); // no names for the kitchen
        (await kitchen.Locator("main").InnerTextAsync()).ShouldNotContain("Léo");
        var byDietCsv = await kitchen.RunAndWaitForDownloadAsync(() => kitchen.GetByRole(AriaRole.Button, new() { Name = "Exporter les repas par régime (CSV)" }).ClickAsync());
        (await File.ReadAllTextAsync((await byDietCsv.PathAsync())!)).ShouldContain("2026-11-05,CANTINE,REPAS,vegetarien,panier-repas,1");
        await Check(kitchen, "cuisine-repas");
        var download = await kitchen.RunAndWaitForDownloadAsync(() => kitchen.GetByRole(AriaRole.Button, new() { Name = "Exporter la semaine (CSV)" }).ClickAsync());
        var csv = await File.ReadAllTextAsync((await download.PathAsync())!);
        csv.ShouldStartWith("date,activityCode,unit,group,booked,waitlisted,capacity");
        csv.ShouldContain("2026-11-05,CANTINE,REPAS,PRIMAIRE,1,0,1");
        await kitchen.EmulateMediaAsync(new() { Media = Media.Print });
        await Shoot(kitchen, "cuisine-repas-impression");
        (await kitchen.Locator("#menu").IsVisibleAsync()).ShouldBeFalse(); // the print sheet keeps the counts only
        await kitchen.GotoAsync(Server.Url + "/#/familles");
        await Heading(kitchen, "Repas à préparer"); // nothing else for the kitchen
        await kitchen.EmulateMediaAsync(new() { Media = Media.Screen });
        await kitchen.GotoAsync(Server.Url + "/#/pointage?activityCode=CANTINE&unit=REPAS&date=2026-10-05");
        await Heading(kitchen, "Pointage");
        (await kitchen.Locator("main tbody").InnerTextAsync()).ShouldContain("présent"); // read, not marked
        (await kitchen.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le pointage" }).CountAsync()).ShouldBe(0);
        await Check(kitchen, "cuisine-pointage");

        // The same mairie on a 768 px tablet.
        var tablet = await NewPageAt(768, 1024);
        await LogIn(tablet, PortalServer.StaffEmail, PortalServer.StaffPassword);
        foreach (var (hash, heading, name) in new[]
                 {
                     ("#/regie", "Régie", "tablette-mairie-regie"), ("#/calendrier", "Calendrier 2026-2027", "tablette-mairie-calendrier"),
                     ("#/activites/MERCREDI", "MERCREDI – MERCREDIS 2026-2027", "tablette-mairie-activite"),
                     ("#/pointage?activityCode=CANTINE&unit=REPAS&date=2026-10-05", "Pointage", "tablette-mairie-pointage"),
                 })
        {
            await tablet.GotoAsync(Server.Url + "/" + hash);
            await Heading(tablet, heading);
            await FitsTheScreen(tablet);
            await Check(tablet, name);
        }
        _consoleErrors.ShouldBeEmpty();
    }
}
