using Microsoft.Playwright;

namespace PortailFamille.Browser.Tests;

/// <summary>The mairie's side of the portal, walked as a clerk would, on a 1280 px laptop and a 768 px tablet.</summary>
public partial class PortalJourneyTests
{

    [Fact]
    public async Task A_clerk_creates_a_family_file_the_parent_activates_and_the_clerk_enrols_two_children_and_books_for_them()
    {
        var staff = await Server.LoginAsync(PortalServer.StaffEmail, PortalServer.StaffPassword);
        await EnsureCanteen(staff);
        var clerk = await NewPageAt(1280);
        await LogIn(clerk, PortalServer.StaffEmail, PortalServer.StaffPassword);

        // Home: the mairie's dashboard, its figures and the month's picture.
        await Heading(clerk, "Tableau de bord de la mairie");
        await clerk.GetByRole(AriaRole.Table, new() { Name = "Remplissage de septembre 2026" }).WaitForAsync();
        await Check(clerk, "mairie-tableau-de-bord");

        // Familles: the paper form.
        await Tab(clerk, "Familles");
        await Heading(clerk, "Familles");
        await Check(clerk, "mairie-familles");
        await clerk.GetByRole(AriaRole.Link, new() { Name = "Créer une fiche famille" }).ClickAsync();
        await Heading(clerk, "Créer une fiche famille");
        await EveryFieldIsLabelled(clerk);
        await clerk.GetByLabel("Civilité").SelectOptionAsync("Mme");
        await clerk.GetByLabel("Prénom").FillAsync("Inès");
        await clerk.GetByLabel("Nom", new() { Exact = true }).FillAsync("Garnier");
        await clerk.GetByLabel("Adresse e-mail (l'identifiant du parent)").FillAsync("garnier@navigateur.test");
        await clerk.GetByLabel("Adresse", new() { Exact = true }).FillAsync("4 chemin des Vignes");
        await clerk.GetByLabel("Code postal").FillAsync("3412"); // a slip: the server names the field
        await clerk.GetByLabel("Commune").FillAsync("Lézignan-la-Cèbe");
        await clerk.GetByLabel("Portable 1").FillAsync("06 11 22 33 44");
        await clerk.GetByLabel("Régime").SelectOptionAsync("CAF");
        await clerk.GetByLabel("Quotient familial").FillAsync("480");
        await clerk.GetByLabel("Enfants à charge").FillAsync("2");
        await clerk.Locator("form#fiche input[name='address.postalCode']").EvaluateAsync("e => e.removeAttribute('pattern')");
        await clerk.GetByRole(AriaRole.Button, new() { Name = "Créer la fiche" }).ClickAsync();
        await clerk.GetByText("Le code postal doit comporter 5 chiffres.").WaitForAsync();
        // Chromium logs the refused request (the 400 this step is about) as a console error: that one is expected.
        _consoleErrors.RemoveAll(e => e.Contains("/#/familles/nouvelle: Failed to load resource: the server responded with a status of 400"));
        await Check(clerk, "mairie-nouvelle-famille");
        await clerk.GetByLabel("Code postal").FillAsync("34120");
        await clerk.GetByRole(AriaRole.Button, new() { Name = "Créer la fiche" }).ClickAsync();
        await Heading(clerk, "Famille Garnier Inès");

        // Two children, added from the file.
        foreach (var (name, born, sex) in new[] { ("Lou", "2018-05-02", "Féminin"), ("Noé", "2020-11-23", "Masculin") })
        {
            await clerk.GetByText("Ajouter un enfant").ClickAsync();
            var form = clerk.Locator("form#enfant");
            await form.GetByLabel("Prénom").FillAsync(name);
            await form.GetByLabel("Date de naissance").FillAsync(born);
            await form.GetByLabel("Sexe").SelectOptionAsync(new SelectOptionValue { Label = sex });
            await form.GetByRole(AriaRole.Button, new() { Name = "Ajouter l'enfant" }).ClickAsync();
            await clerk.GetByRole(AriaRole.Cell, new() { Name = $"{name} Garnier" }).WaitForAsync();
        }

        // The parent activates the account from the e-mailed link.
        var parent = await NewPage();
        await parent.GotoAsync(await Server.LinkSentToAsync("garnier@navigateur.test", "/activation"));
        await parent.GetByLabel("Nouveau mot de passe").FillAsync(ParentPassword);
        await parent.GetByRole(AriaRole.Button, new() { Name = "Activer mon compte" }).ClickAsync();
        await parent.GetByLabel("Adresse e-mail").WaitForAsync();

        // Both children enrolled in the canteen from the file.
        foreach (var child in new[] { "Lou Garnier", "Noé Garnier" })
        {
            await clerk.GetByText("Inscrire un enfant").ClickAsync();
            var form = clerk.Locator("form#inscrire");
            await form.GetByLabel("Enfant").SelectOptionAsync(new SelectOptionValue { Label = child });
            await form.GetByLabel("Activité").SelectOptionAsync(new SelectOptionValue { Label = "CANTINE – CANTINE 2026-2027" });
            await form.GetByRole(AriaRole.Button, new() { Name = "Inscrire" }).ClickAsync();
            await clerk.GetByRole(AriaRole.Link, new() { Name = $"Planning {child} CANTINE" }).WaitForAsync();
        }
        await EveryFieldIsLabelled(clerk);
        await Check(clerk, "mairie-fiche-famille");

        // Noé leaves the canteen at Christmas: the inscription ends early.
        await clerk.GetByText("Changer le groupe ou terminer Noé Garnier CANTINE").ClickAsync();
        var change = clerk.Locator("tr", new() { HasText = "Noé Garnier" }).Locator("form[data-inscription]");
        await change.GetByLabel("Dernier jour").FillAsync("2026-12-18");
        await change.GetByRole(AriaRole.Button, new() { Name = "Enregistrer" }).ClickAsync();
        await clerk.Locator("main").GetByText("Inscription modifiée.").WaitForAsync();
        await clerk.GetByRole(AriaRole.Cell, new() { Name = "du 01/09/2026 au 18/12/2026" }).WaitForAsync();

        // The clerk books Lou's Thursday 1 October on the child's grid, for the family.
        await clerk.GetByRole(AriaRole.Link, new() { Name = "Planning Lou Garnier CANTINE" }).ClickAsync();
        await Heading(clerk, "Lou Garnier - CANTINE 2026-2027 : planning");
        await clerk.GetByRole(AriaRole.Link, new() { Name = "Mois suivant →" }).ClickAsync();
        await clerk.GetByText("octobre 2026").First.WaitForAsync();
        await Cell(clerk, "2026-10-01").ClickAsync();
        await Submit(clerk, 1);
        (await Cell(clerk, "2026-10-01").GetAttributeAsync("class"))!.ShouldContain("state-booked");
        await Check(clerk, "mairie-planning-enfant");

        // The parent sees the day booked, and on the dashboard that the mairie changed the file.
        await clerk.GotoAsync(Server.Url + "/#/familles?q=garnier");
        await clerk.GetByRole(AriaRole.Link, new() { Name = "Garnier Inès" }).ClickAsync();
        await clerk.GetByRole(AriaRole.Link, new() { Name = "Modifier la fiche" }).ClickAsync();
        await Heading(clerk, "Modifier la fiche famille");
        await EveryFieldIsLabelled(clerk);
        await Check(clerk, "mairie-modifier-fiche");
        await clerk.GetByLabel("Domicile").FillAsync("04 67 11 22 33");
        await clerk.GetByRole(AriaRole.Button, new() { Name = "Enregistrer" }).ClickAsync();
        await Heading(clerk, "Famille Garnier Inès");
        Plain(await clerk.Locator("main").InnerTextAsync()).ShouldContain("Domicile : 04 67 11 22 33");
        await clerk.GetByRole(AriaRole.Link, new() { Name = "Modifier Lou" }).ClickAsync();
        await Heading(clerk, "Modifier Lou Garnier");
        await clerk.GetByLabel("Prénom").FillAsync("Louise");
        await EveryFieldIsLabelled(clerk);
        await clerk.GetByLabel("Régime").SelectOptionAsync("sans-porc");
        await clerk.GetByLabel("PAI").SelectOptionAsync(new SelectOptionValue { Label = "panier repas" });
        await clerk.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le régime" }).ClickAsync();
        await clerk.Locator("main").GetByText("Régime enregistré.").WaitForAsync();
        await Check(clerk, "mairie-modifier-enfant");
        await clerk.GetByRole(AriaRole.Button, new() { Name = "Enregistrer", Exact = true }).ClickAsync();
        await clerk.GetByRole(AriaRole.Cell, new() { Name = "Louise Garnier", Exact = true }).First.WaitForAsync();
        (await clerk.Locator("tr", new() { HasText = "Louise Garnier" }).First.InnerTextAsync()).ShouldContain("sans porc\tpanier repas");

        await clerk.GotoAsync(clerk.Url.Split('#')[0] + "#/familles?q=garnier");
        await clerk.GetByRole(AriaRole.Link, new() { Name = "Garnier Inès" }).ClickAsync();
        await Heading(clerk, "Famille Garnier Inès");
        await clerk.GotoAsync(clerk.Url + "/historique");
        await Heading(clerk, "Historique de la famille Garnier");
        await clerk.GetByRole(AriaRole.Cell, new() { Name = "Données d'un enfant modifiées par la mairie" }).WaitForAsync();
        await Check(clerk, "mairie-historique-famille");

        await LogIn(parent, "garnier@navigateur.test", ParentPassword);
        await parent.GotoAsync(Server.Url + "/#/tableau-de-bord/famille");
        await parent.GetByText("Téléphones modifiés par la mairie").WaitForAsync();

        // The same pages on a 768 px tablet.
        var tablet = await NewPageAt(768, 1024);
        await LogIn(tablet, PortalServer.StaffEmail, PortalServer.StaffPassword);
        await Heading(tablet, "Tableau de bord de la mairie");
        await FitsTheScreen(tablet);
        await Check(tablet, "tablette-mairie-tableau-de-bord");
        await tablet.GotoAsync(Server.Url + "/#/familles?q=garnier");
        await tablet.GetByRole(AriaRole.Link, new() { Name = "Garnier Inès" }).ClickAsync();
        await Heading(tablet, "Famille Garnier Inès");
        await FitsTheScreen(tablet);
        await Check(tablet, "tablette-mairie-fiche-famille");
        _consoleErrors.ShouldBeEmpty();
    }
}
