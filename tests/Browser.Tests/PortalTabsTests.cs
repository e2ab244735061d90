using Microsoft.Playwright;

namespace PortailFamille.Browser.Tests;

/// <summary>Every tab of the commune's guide, walked as a parent would, checked by axe-core at desktop and phone widths.</summary>
public partial class PortalJourneyTests
{
    private static readonly string[] Tabs = ["Accueil", "Mon tableau de bord", "Ma famille", "Mes coordonnées", "Mes inscriptions", "Mon compte"];

    /// <summary>Every request the page makes stays on the portal's own origin (no CDN, no tracker).</summary>
    private void SameOriginOnly(IPage page, List<string> elsewhere) =>
        page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(Server.Url, StringComparison.Ordinal) && !request.Url.StartsWith("data:", StringComparison.Ordinal)) elsewhere.Add(request.Url);
        };

    private static async Task Open(IPage page, string tab)
    {
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Menu principal" }).GetByRole(AriaRole.Link, new() { Name = tab, Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = tab, Exact = true, Level = 1 }).WaitForAsync();
    }

    [Fact]
    public async Task A_parent_finds_every_tab_of_the_guide_and_each_page_passes_axe_at_desktop_and_phone_widths()
    {
        var staff = await Server.LoginAsync(PortalServer.StaffEmail, PortalServer.StaffPassword);
        await EnsureCanteen(staff);
        var (familyId, inscriptionId, email) = await ActivatedFamily(staff, "Bernard");
        await SeedInvoice(familyId, inscriptionId, 1250, "2026-000002");
        var elsewhere = new List<string>();

        // Before logging in: the login page, the forgotten password, the commune's contact and legal notice.
        var parent = await NewPage();
        SameOriginOnly(parent, elsewhere);
        await parent.GotoAsync(Server.Url + "/#/connexion");
        await parent.GetByRole(AriaRole.Heading, new() { Name = "Connexion" }).WaitForAsync();
        await Check(parent, "connexion");
        await parent.GetByRole(AriaRole.Link, new() { Name = "Mot de passe oublié ?" }).ClickAsync();
        await parent.GetByLabel("Adresse e-mail").FillAsync(email);
        await parent.GetByRole(AriaRole.Button, new() { Name = "Recevoir le lien" }).ClickAsync();
        await parent.GetByText("Si cette adresse correspond à un compte").WaitForAsync();
        await Check(parent, "mot-de-passe-oublie");
        await parent.GetByRole(AriaRole.Link, new() { Name = "Contactez-nous" }).ClickAsync();
        await parent.GetByText("04 67 98 13 68").WaitForAsync();
        await Check(parent, "contact");
        await parent.GetByRole(AriaRole.Link, new() { Name = "Mentions légales" }).ClickAsync();
        await parent.GetByText("Responsable du traitement").WaitForAsync();
        await Check(parent, "mentions-legales");

        await LogIn(parent, email, ParentPassword);
        (await parent.GetByRole(AriaRole.Navigation, new() { Name = "Menu principal" }).GetByRole(AriaRole.Link).AllInnerTextsAsync()).ShouldBe(Tabs);
        (await parent.Locator("#bienvenue").InnerTextAsync()).ShouldContain("Mme Bernard, bienvenue dans votre espace personnel.");

        // Accueil: the balance, and the child's next cut-off decided by the Server.
        await Open(parent, "Accueil");
        Plain(await parent.Locator("main").InnerTextAsync()).ShouldContain("12,50 €");
        // This canteen books until 09:00 on the day: at 10:00 on Monday the 14th, Tuesday the 15th is next.
        (await parent.Locator("main").InnerTextAsync()).ShouldContain("Prochain jour à réserver : le mar. 15 septembre");
        (await parent.Locator(".ariane").InnerTextAsync()).ShouldBe("Vous êtes ici : Accueil");
        await Check(parent, "accueil");
        await Open(parent, "Mes coordonnées");
        (await parent.Locator(".ariane").InnerTextAsync()).ShouldBe("Vous êtes ici : Accueil » Mes coordonnées");

        // Ma famille: the child read-only, a change asked for.
        await Open(parent, "Ma famille");
        var main = await parent.Locator("main").InnerTextAsync();
        main.ShouldContain("Léo Bernard");
        main.ShouldContain("7 an(s)");
        main.ShouldContain("Masculin");
        await parent.GetByText("Modifier mes informations").ClickAsync();
        await parent.Locator("form[id$='-modif']").GetByLabel("Prénom").FillAsync("Léon");
        await parent.GetByRole(AriaRole.Button, new() { Name = "Envoyer la demande de modification" }).ClickAsync();
        await parent.GetByText("Demande envoyée à la mairie").First.WaitForAsync();
        await parent.GetByText("Nouvelle inscription", new() { Exact = true }).ClickAsync();
        await parent.GetByLabel("Activité et groupe").SelectOptionAsync(["CANTINE|PRIMAIRE"]);
        await parent.GetByRole(AriaRole.Button, new() { Name = "Demander l'inscription" }).ClickAsync();
        await parent.Locator("form[id$='-inscription'] .ok").WaitForAsync();
        await Check(parent, "ma-famille");

        // Mes coordonnées: the e-mail read-only with the guide's note, a phone changed directly.
        await Open(parent, "Mes coordonnées");
        (await parent.Locator("main").InnerTextAsync()).ShouldContain("La modification de l'adresse e-mail doit se faire directement auprès de la mairie.");
        await parent.GetByLabel("Portable parent 2").FillAsync("06 98 76 54 32");
        await parent.GetByRole(AriaRole.Button, new() { Name = "Enregistrer mes téléphones" }).ClickAsync();
        await parent.GetByText("Téléphones enregistrés.").First.WaitForAsync();
        await EveryFieldIsLabelled(parent);
        await Check(parent, "mes-coordonnees");

        // Mon tableau de bord: the phone change done, the child's change pending, then withdrawn with "Supprimer".
        await Open(parent, "Mon tableau de bord");
        (await parent.Locator("main tbody tr", new() { HasText = "Téléphones modifiés" }).Locator("td").Nth(3).InnerTextAsync()).ShouldBe("✔");
        await parent.GetByRole(AriaRole.Link, new() { Name = "Individu" }).ClickAsync();
        var change = parent.Locator("main tbody tr", new() { HasText = "Modification des données d'un enfant" });
        (await change.Locator("td").Nth(2).InnerTextAsync()).ShouldBe("✔");
        await Check(parent, "tableau-de-bord");
        await change.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Supprimer") }).ClickAsync();
        await parent.Locator("main tbody tr", new() { HasText = "(retirée)" }).WaitForAsync();

        // Mes inscriptions: the guide's fields and links.
        await Open(parent, "Mes inscriptions");
        main = await parent.Locator("main").InnerTextAsync();
        foreach (var text in new[] { "Inscriptions en cours", "Équipement", "ACCUEIL PERISCOLAIRE", "Date début", "01/09/2026", "Date fin", "Groupe", "PRIMAIRE" })
            main.ShouldContain(text);
        // The inscription asked for waits under the child it is for.
        (await parent.Locator("main section", new() { HasText = "Léo Bernard" }).InnerTextAsync()).ShouldContain("Nouvelle inscription CANTINE");
        await Check(parent, "mes-inscriptions");
        await parent.GetByRole(AriaRole.Link, new() { Name = "Mes informations" }).ClickAsync();
        await parent.GetByText("Réserver au plus tard").WaitForAsync();
        await Check(parent, "mes-informations");
        await parent.GetByRole(AriaRole.Link, new() { Name = "Liste d'attente" }).First.ClickAsync();
        await parent.GetByText("Aucun jour en liste d'attente.").WaitForAsync();
        await Check(parent, "liste-attente");

        // Mes réservations with the keyboard alone: a cell toggled with Enter, then Tab to "Valider", Enter, Enter on "Oui".
        await parent.GetByRole(AriaRole.Link, new() { Name = "Mes réservations" }).First.ClickAsync();
        await parent.GetByRole(AriaRole.Link, new() { Name = "Mois suivant →" }).ClickAsync();
        await parent.GetByRole(AriaRole.Heading, new() { NameRegex = new System.Text.RegularExpressions.Regex("Mes réservations$") }).WaitForAsync();
        (await parent.Locator(".memo").InnerTextAsync()).ShouldContain("1 place en Primaire");
        await Cell(parent, "2026-10-12").FocusAsync();
        await parent.Keyboard.PressAsync("Enter");
        await parent.WaitForFunctionAsync("() => document.activeElement?.dataset?.key === '2026-10-12|REPAS' && document.activeElement.getAttribute('aria-pressed') === 'true'");
        for (var i = 0; i < 40 && await parent.EvaluateAsync<string>("() => document.activeElement?.id") != "valider"; i++) await parent.Keyboard.PressAsync("Tab");
        (await parent.EvaluateAsync<string>("() => document.activeElement?.id")).ShouldBe("valider");
        await parent.Keyboard.PressAsync("Enter");
        await parent.WaitForFunctionAsync("() => document.activeElement?.id === 'oui'");
        await parent.Keyboard.PressAsync("Enter");
        await parent.Locator("#resultats li").First.WaitForAsync();
        (await parent.Locator("#resultats").InnerTextAsync()).ShouldContain("lun. 12 octobre REPAS : réservé");
        (await Cell(parent, "2026-10-12").GetAttributeAsync("class"))!.ShouldContain("state-booked");
        (await parent.Locator("#annonce").InnerTextAsync()).ShouldBe("1 modification(s) traitée(s).");
        await Check(parent, "mes-reservations");

        // Mon compte and its pages.
        await Open(parent, "Mon compte");
        main = Plain(await parent.Locator("main").InnerTextAsync());
        foreach (var text in new[] { "Solde des factures au 14/09/2026", "12,50 €", "Situation financière Famille au 14/09/2026", "Nombre d'enfants à charge", "Quotient familial", "650", "Gestionnaire" })
            main.ShouldContain(text);
        await Check(parent, "mon-compte");
        await parent.GetByRole(AriaRole.Link, new() { Name = "Détail financier par inscription" }).ClickAsync();
        await parent.Locator("#total-du").WaitForAsync();
        await Check(parent, "detail-par-inscription");
        await parent.GoBackAsync();
        await parent.GetByRole(AriaRole.Link, new() { Name = "Détail financier par facture" }).ClickAsync();
        await parent.GetByLabel("Sélectionner la facture 2026-000002").WaitForAsync();
        await Check(parent, "detail-par-facture");
        await parent.GoBackAsync();
        await parent.GetByRole(AriaRole.Link, new() { Name = "Demande d'attestation fiscale" }).ClickAsync();
        await parent.GetByLabel("Année", new() { Exact = true }).WaitForAsync();
        await Check(parent, "attestation-fiscale");
        await parent.GoBackAsync();
        await parent.GetByRole(AriaRole.Link, new() { Name = "Mot de passe", Exact = true }).ClickAsync();
        await parent.GetByLabel("Mot de passe actuel").WaitForAsync();
        await Check(parent, "changement-mot-de-passe");

        // The same pages on a 320 px phone: nothing wider than the screen but the grid's own scrolling box.
        var phone = await NewPage(phone: true);
        await phone.SetViewportSizeAsync(320, 640);
        SameOriginOnly(phone, elsewhere);
        await LogIn(phone, email, ParentPassword);
        foreach (var (route, name, title) in new[]
                 {
                     ("#/accueil", "accueil", "Accueil"), ("#/tableau-de-bord", "tableau-de-bord", "Mon tableau de bord"), ("#/famille", "ma-famille", "Ma famille"),
                     ("#/coordonnees", "mes-coordonnees", "Mes coordonnées"), ("#/inscriptions", "mes-inscriptions", "Mes inscriptions"),
                     ($"#/reservations/{inscriptionId}/2026-10", "mes-reservations", "Léo Bernard - CANTINE 2026-2027 : Mes réservations"),
                     ($"#/liste-attente/{inscriptionId}", "liste-attente", "Léo Bernard - CANTINE 2026-2027 : Liste d'attente"), ("#/compte", "mon-compte", "Mon compte"),
                     ("#/compte/inscriptions", "detail-par-inscription", "Détail financier par inscription"), ("#/compte/factures", "detail-par-facture", "Détail financier par facture"),
                     ("#/compte/attestation-fiscale", "attestation-fiscale", "Demande d'attestation fiscale"), ("#/mot-de-passe", "changement-mot-de-passe", "Changement de mot de passe"),
                     ("#/contact", "contact", "Contactez-nous"),
                 })
        {
            await phone.GotoAsync(Server.Url + "/" + route);
            await phone.GetByRole(AriaRole.Heading, new() { Name = title, Exact = true, Level = 1 }).WaitForAsync();
            (await phone.EvaluateAsync<int>("() => document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(320, name);
            await Check(phone, $"telephone-{name}");
        }

        elsewhere.ShouldBeEmpty();
        _consoleErrors.ShouldBeEmpty();
    }
}

public partial class PortalJourneyTests
{
    [Fact]
    public async Task A_parent_applies_a_semaine_type_to_two_children_from_one_screen_and_reads_one_result_per_child_and_day()
    {
        var staff = await Server.LoginAsync(PortalServer.StaffEmail, PortalServer.StaffPassword);
        await EnsureCanteen(staff);
        var (familyId, _, email) = await ActivatedFamily(staff, "Garcia");
        var zoe = await Server.SendAsync(HttpMethod.Post, $"/api/staff/families/{familyId}/children", staff,
            new { firstName = "Zoé", lastName = "Garcia", birthDate = "2020-06-02", sex = "F" });
        await Server.SendAsync(HttpMethod.Post, "/api/staff/inscriptions", staff,
            new { childId = zoe.GetProperty("childId").GetGuid(), activityCode = "CANTINE", group = "PRIMAIRE" });

        var parent = await NewPage(phone: true);
        await LogIn(parent, email, ParentPassword);
        await Open(parent, "Mes inscriptions");
        await parent.GetByRole(AriaRole.Link, new() { Name = "Semaine type (un ou plusieurs enfants à la fois)" }).ClickAsync();
        await parent.GetByRole(AriaRole.Heading, new() { Name = "Semaine type", Exact = true, Level = 1 }).WaitForAsync();
        (await parent.GetByRole(AriaRole.Checkbox, new() { NameRegex = new System.Text.RegularExpressions.Regex("CANTINE 2026-2027") }).CountAsync()).ShouldBe(2);
        await parent.GetByLabel("lundi, REPAS").CheckAsync();
        await parent.GetByLabel("jeudi, REPAS").CheckAsync();
        await parent.GetByLabel("Du").FillAsync("2026-11-02");
        await parent.GetByLabel("Au").FillAsync("2026-11-13");
        await EveryFieldIsLabelled(parent);
        await Check(parent, "semaine-type");
        await parent.GetByRole(AriaRole.Button, new() { Name = "Appliquer la semaine type" }).ClickAsync();
        await parent.Locator("#resultats h3").Nth(1).WaitForAsync();

        // The Mondays and Thursdays from the 2nd to the 13th of November: 2, 5, 9, 12; one seat a day: Léo books, Zoé waits.
        var results = await parent.Locator("#resultats").InnerTextAsync();
        results.ShouldContain("Léo Garcia – CANTINE 2026-2027");
        results.ShouldContain("Zoé Garcia – CANTINE 2026-2027");
        (await parent.Locator("#resultats ul").Nth(0).Locator("li").AllInnerTextsAsync()).ShouldBe(
            ["lun. 2 novembre REPAS : réservé", "jeu. 5 novembre REPAS : réservé", "lun. 9 novembre REPAS : réservé", "jeu. 12 novembre REPAS : réservé"]);
        (await parent.Locator("#resultats ul").Nth(1).Locator("li").AllInnerTextsAsync()).ShouldAllBe(line => line.EndsWith("complet : mis en liste d'attente"));
        (await parent.Locator("#annonce").InnerTextAsync()).ShouldBe("8 jour(s) traité(s).");
        (await parent.EvaluateAsync<int>("() => document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(390);
        await Check(parent, "semaine-type-resultat");
        _consoleErrors.ShouldBeEmpty();
    }
}
