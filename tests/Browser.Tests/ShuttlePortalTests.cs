using System.Text.Json;
using Microsoft.Playwright;

namespace PortailFamille.Browser.Tests;

public sealed class NavetteServer : PortalServer
{
    protected override string AxeReportName => "axe-report-navettes.md";
}

/// <summary>
/// The Wednesday noon bus, from the browser: the clerk creates the line; a parent, on a phone, joins it from "Mes navettes",
/// is refused a seat before the Wednesday is booked, books the Wednesday then its bus (the bus by keyboard only); the
/// clerk gives the driver a login, and the driver prints and exports the trip's list; cancelling the Wednesday frees the
/// seat. Every page is checked by axe-core.
/// </summary>
public class ShuttlePortalTests(NavetteServer server) : PortalTest(server), IClassFixture<NavetteServer>
{
    private const string Wednesday = "2026-10-07";

    private static object Wednesdays() => new
    {
        code = "MERCREDI", label = "MERCREDI 2026-2027", equipment = "ACCUEIL DE LOISIRS", from = "2026-09-01", to = "2027-07-02",
        weekdays = new[] { "wednesday" }, units = new[] { "REPAS" }, mealUnits = new[] { "REPAS" },
        groups = new object[] { new { code = "PRIMAIRE", capacity = new Dictionary<string, int> { ["REPAS"] = 30 } } },
        bookingDeadline = new { daysBefore = 2, workingDays = true, at = "10:00" },
        cancellationDeadline = new { daysBefore = 2, workingDays = true, at = "10:00" },
        validation = "automatic",
        tariffs = new object[] { new { fromQf = 0, priceCents = new Dictionary<string, int> { ["REPAS"] = 500 } } },
    };

    private async Task<(Guid Wednesday, string Email)> Family(string staff)
    {
        const string email = "durand@navettes.test";
        var family = await Server.SendAsync(HttpMethod.Post, "/api/staff/families", staff, new
        {
            civility = "Mme", firstName = "Claire", lastName = "Durand", email, phones = new { mobile1 = "06 12 34 56 78" },
            address = new { line1 = "12 rue des Oliviers", postalCode = "34120", city = "Lézignan-la-Cèbe" },
            allocataire = new { name = "Claire Durand", regime = "CAF", number = "1234567" }, quotientFamilial = 650, dependentChildren = 1,
        });
        var familyId = family.GetProperty("familyId").GetGuid();
        var child = (await Server.SendAsync(HttpMethod.Post, $"/api/staff/families/{familyId}/children", staff,
            new { firstName = "Léo", lastName = "Durand", birthDate = "2019-03-14", sex = "M" })).GetProperty("childId").GetGuid();
        var inscription = (await Server.SendAsync(HttpMethod.Post, "/api/staff/inscriptions", staff,
            new { childId = child, activityCode = "MERCREDI", group = "PRIMAIRE" })).GetProperty("inscriptionId").GetGuid();
        var link = new Uri(await Server.LinkSentToAsync(email, "/activation"));
        await Server.SendAsync(HttpMethod.Post, "/api/auth/activation", staff, new { token = link.Query.Split("token=")[1], password = ParentPassword });
        return (inscription, email);
    }

    private static ILocator Trip(IPage page) => page.Locator($"button[data-key=\"{Wednesday}|ALLER\"]");

    [Fact]
    public async Task A_parent_books_a_wednesday_with_its_noon_bus_and_the_driver_prints_the_list()
    {
        var staff = await Server.LoginAsync(PortalServer.StaffEmail, PortalServer.StaffPassword);
        await Server.SendAsync(HttpMethod.Post, "/api/staff/activities", staff, Wednesdays());
        var (wednesday, email) = await Family(staff);

        // The clerk creates the line from the Navettes tab.
        var clerk = await NewPageAt(1280);
        await LogIn(clerk, PortalServer.StaffEmail, PortalServer.StaffPassword);
        await Tab(clerk, "Navettes");
        await Heading(clerk, "Navettes");
        await clerk.GetByLabel("Code", new() { Exact = true }).FillAsync("NAVETTE-MIDI");
        await clerk.GetByLabel("Libellé").FillAsync("Navette du mercredi midi");
        await clerk.GetByLabel("Du", new() { Exact = true }).FillAsync("2026-09-02");
        await clerk.GetByLabel("Au", new() { Exact = true }).FillAsync("2027-06-30");
        await clerk.GetByLabel("mercredi", new() { Exact = true }).CheckAsync();
        await clerk.GetByLabel("aller", new() { Exact = true }).CheckAsync();
        await clerk.GetByLabel("Places par trajet").FillAsync("20");
        await clerk.GetByLabel("Activités desservies").FillAsync("MERCREDI");
        await clerk.GetByLabel("Arrêt 1 : nom").FillAsync("École Jean Moulin");
        await clerk.GetByLabel("Arrêt 1 : heure à l'aller").FillAsync("11:45");
        await clerk.GetByLabel("Arrêt 2 : nom").FillAsync("Centre de loisirs");
        await clerk.GetByLabel("Arrêt 2 : heure à l'aller").FillAsync("11:35"); // before the first stop: refused
        await EveryFieldIsLabelled(clerk);
        await clerk.GetByRole(AriaRole.Button, new() { Name = "Créer la ligne" }).ClickAsync();
        await clerk.Locator("#message").GetByText("Les heures de l'aller doivent croître").WaitForAsync();
        await clerk.GetByLabel("Arrêt 2 : heure à l'aller").FillAsync("12:05");
        await clerk.GetByRole(AriaRole.Button, new() { Name = "Créer la ligne" }).ClickAsync();
        await clerk.Locator("main").GetByText("Ligne créée.").WaitForAsync();
        Plain(await clerk.GetByRole(AriaRole.Table, new() { Name = "Lignes de navette" }).InnerTextAsync())
            .ShouldContain("Navette du mercredi midi (NAVETTE-MIDI)\tmercredi\taller\t20\tMERCREDI\tÉcole Jean Moulin → Centre de loisirs");
        await Check(clerk, "mairie-navettes");

        // The parent, on a phone, joins the line from the Wednesday inscription's "Mes navettes".
        var parent = await NewPage(phone: true);
        await LogIn(parent, email, ParentPassword);
        await parent.GotoAsync(Server.Url + "/#/inscriptions");
        await Heading(parent, "Mes inscriptions");
        await parent.GetByRole(AriaRole.Link, new() { Name = "Mes navettes" }).ClickAsync();
        await Heading(parent, "Léo Durand - MERCREDI 2026-2027 : Mes navettes");
        await parent.GetByLabel("Arrêt de Léo Durand").SelectOptionAsync("École Jean Moulin");
        await parent.GetByRole(AriaRole.Button, new() { Name = "Inscrire Léo Durand à cette navette" }).ClickAsync();
        await parent.Locator("main").GetByText("Léo Durand prend cette navette").WaitForAsync();
        await FitsTheScreen(parent);
        await Check(parent, "parent-mes-navettes");

        // No seat on the bus before the Wednesday itself is booked.
        await parent.GetByRole(AriaRole.Link, new() { Name = "Réserver les trajets de Léo Durand" }).ClickAsync();
        await Heading(parent, "Léo Durand - Navette du mercredi midi : Mes réservations");
        await parent.GotoAsync(parent.Url + "/2026-10");
        await Trip(parent).ClickAsync();
        await Submit(parent, 1);
        Plain(await parent.Locator("#resultats").InnerTextAsync()).ShouldContain("refusé (pas de réservation ce jour-là à l'activité desservie)");
        var shuttleGrid = parent.Url;

        await parent.GotoAsync(Server.Url + $"/#/reservations/{wednesday}/2026-10");
        await Cell(parent, Wednesday).ClickAsync();
        await Submit(parent, 1);
        Plain(await parent.Locator("#resultats").InnerTextAsync()).ShouldContain("réservé");

        // The bus, by keyboard only: the day's cell, then Valider, then Oui.
        await parent.GotoAsync(shuttleGrid);
        await Trip(parent).FocusAsync();
        await parent.Keyboard.PressAsync("Enter");
        await parent.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Valider") }).FocusAsync();
        await parent.Keyboard.PressAsync("Enter");
        (await parent.EvaluateAsync<string>("document.activeElement.textContent")).ShouldBe("Oui, valider");
        await parent.Keyboard.PressAsync("Enter");
        await parent.Locator("#resultats li").WaitForAsync();
        Plain(await parent.Locator("#resultats").InnerTextAsync()).ShouldContain("ALLER : réservé");
        (await Trip(parent).GetAttributeAsync("class"))!.ShouldContain("state-booked");
        await FitsTheScreen(parent);
        await Check(parent, "parent-trajets-navette");

        // The clerk gives the driver a login of their own.
        await Tab(clerk, "Comptes");
        await Heading(clerk, "Comptes du personnel");
        await clerk.GetByLabel("Adresse e-mail").FillAsync("chauffeur@navettes.test");
        await clerk.GetByLabel("Rôle").SelectOptionAsync("driver");
        await clerk.GetByRole(AriaRole.Button, new() { Name = "Créer le compte" }).ClickAsync();
        await clerk.GetByRole(AriaRole.Cell, new() { Name = "chauffeur@navettes.test", Exact = true }).WaitForAsync();

        // The driver's list: stop by stop, printed and exported, from the driver's own login.
        var driver = await NewPageAt(1280);
        await driver.GotoAsync(await Server.LinkSentToAsync("chauffeur@navettes.test", "/activation"));
        await driver.GetByLabel("Nouveau mot de passe").FillAsync("Chauffeur-Navette-2026!");
        await driver.GetByRole(AriaRole.Button, new() { Name = "Activer mon compte" }).ClickAsync();
        await driver.GetByLabel("Adresse e-mail").WaitForAsync();
        await LogIn(driver, "chauffeur@navettes.test", "Chauffeur-Navette-2026!");
        await Heading(driver, "Navettes");
        (await driver.GetByRole(AriaRole.Navigation, new() { Name = "Menu principal" }).GetByRole(AriaRole.Link).AllInnerTextsAsync())
            .ShouldBe(["Navettes", "Mot de passe"]);
        (await driver.GetByRole(AriaRole.Button, new() { Name = "Créer la ligne" }).CountAsync()).ShouldBe(0); // lines are the mairie's
        await Check(driver, "chauffeur-navettes");
        await driver.GetByRole(AriaRole.Link, new() { Name = "Navette du mercredi midi (NAVETTE-MIDI)" }).ClickAsync();
        await Heading(driver, "Navette du mercredi midi : aller du lun. 14 septembre"); // today's first
        await driver.Locator("#trajet").GetByLabel("Jour", new() { Exact = true }).FillAsync(Wednesday);
        await driver.GetByRole(AriaRole.Button, new() { Name = "Afficher" }).ClickAsync();
        await Heading(driver, "Navette du mercredi midi : aller du mer. 7 octobre");
        Plain(await driver.GetByRole(AriaRole.Table, new() { Name = "École Jean Moulin : 1 enfant(s)" }).InnerTextAsync())
            .ShouldContain("Durand\tLéo\tPRIMAIRE\t06 12 34 56 78");
        await EveryFieldIsLabelled(driver);
        await Check(driver, "chauffeur-navette-liste");
        var download = await driver.RunAndWaitForDownloadAsync(() => driver.GetByRole(AriaRole.Button, new() { Name = "Exporter (CSV)" }).ClickAsync());
        var csv = await File.ReadAllTextAsync((await download.PathAsync())!);
        csv.ShouldContain($"{Wednesday},ALLER,École Jean Moulin,11:45,Durand,Léo,PRIMAIRE,06 12 34 56 78");
        await driver.EmulateMediaAsync(new() { Media = Media.Print });
        await Shoot(driver, "chauffeur-navette-liste-impression");
        (await driver.Locator("#menu").IsVisibleAsync()).ShouldBeFalse();
        (await driver.Locator("#trajet").IsVisibleAsync()).ShouldBeFalse(); // the sheet keeps the list only
        await driver.EmulateMediaAsync(new() { Media = Media.Screen });
        await driver.GotoAsync(Server.Url + "/#/familles");
        await Heading(driver, "Navettes"); // nothing else for the driver
        await clerk.GotoAsync(Server.Url + $"/#/navettes/NAVETTE-MIDI?date={Wednesday}&sens=ALLER");
        await Heading(clerk, "Navette du mercredi midi : aller du mer. 7 octobre");
        await Check(clerk, "mairie-navette-liste");

        // Cancelling the Wednesday gives the bus seat back, free of charge.
        await parent.GotoAsync(Server.Url + $"/#/reservations/{wednesday}/2026-10");
        await Cell(parent, Wednesday).ClickAsync();
        await Submit(parent, 1);
        await parent.GotoAsync(shuttleGrid);
        await Eventually(async () => (await Trip(parent).GetAttributeAsync("class"))!.Contains("state-free"));
        await clerk.ReloadAsync();
        await clerk.Locator("main").GetByText("0 enfant(s)").WaitForAsync();
        // The one failed request is the line refused on purpose (its stops' times ran backwards).
        _consoleErrors.Where(e => !e.Contains("#/navettes: Failed to load resource: the server responded with a status of 400")).ShouldBeEmpty();
        _consoleErrors.Count.ShouldBe(1);
    }
}
