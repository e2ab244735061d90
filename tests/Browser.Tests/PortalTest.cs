using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace PortailFamille.Browser.Tests;

/// <summary>
/// What every browser test shares: pages at a chosen width with their console errors collected, logging in as a person
/// does, the grid's clicks, and what every page is held to (axe-core finds nothing serious or critical; a screenshot).
/// </summary>
public abstract class PortalTest(PortalServer server)
{
    protected const string ParentPassword = "Parent-Navigateur-2026!";
    protected readonly List<string> _consoleErrors = [];

    protected PortalServer Server => server;

    /// <summary>Every form field of the page has a label a screen reader announces (RGAA basics).</summary>
    protected static async Task EveryFieldIsLabelled(IPage page) =>
        (await page.EvaluateAsync<int>("[...document.querySelectorAll('input,select,textarea')].filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label')).length"))
        .ShouldBe(0, $"unlabelled field on {page.Url}");
    protected async Task<IPage> NewPage(bool phone = false)
    {
        var context = await server.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = "fr-FR", TimezoneId = "Europe/Paris", ViewportSize = phone ? new ViewportSize { Width = 390, Height = 844 } : null,
        });
        var page = await context.NewPageAsync();
        page.Console += (_, message) => { if (message.Type == "error") _consoleErrors.Add($"{page.Url}: {message.Text}"); };
        page.PageError += (_, error) => _consoleErrors.Add($"{page.Url}: {error}");
        return page;
    }
    protected async Task LogIn(IPage page, string email, string password)
    {
        await page.GotoAsync(server.Url + "/#/connexion");
        await page.GetByLabel("Adresse e-mail").FillAsync(email);
        await page.GetByLabel("Mot de passe").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        // Logged in once the welcome line offers to log out, and the home page is drawn.
        await page.GetByRole(AriaRole.Button, new() { Name = "Se déconnecter" }).WaitForAsync();
        await page.Locator("#titre").WaitForAsync();
    }
    protected static ILocator Cell(IPage page, string date) => page.Locator($"button[data-key=\"{date}|REPAS\"]");
    /// <summary>"Valider", then "Oui" in the confirmation, as the guide says; the server's answer lists one line per change.</summary>
    protected static async Task Submit(IPage page, int results)
    {
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Valider") }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Oui, valider" }).ClickAsync();
        await page.Locator("#resultats li").Nth(results - 1).WaitForAsync();
    }
    protected static string Plain(string text) => text.Replace('\u202F', ' ').Replace('\u00A0', ' ').Trim();
    protected static async Task Eventually(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The page did not show the change within 10 s.");
            await Task.Delay(250);
        }
    }
    protected async Task<IPage> NewPageAt(int width, int height = 900)
    {
        var context = await server.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = "fr-FR", TimezoneId = "Europe/Paris", ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        var page = await context.NewPageAsync();
        page.Console += (_, message) => { if (message.Type == "error") _consoleErrors.Add($"{page.Url}: {message.Text}"); };
        page.PageError += (_, error) => _consoleErrors.Add($"{page.Url}: {error}");
        return page;
    }

    /// <summary>No page is wider than its screen (the wide tables scroll in their own box).</summary>
    protected static async Task FitsTheScreen(IPage page) =>
        (await page.EvaluateAsync<string>("""
            document.documentElement.scrollWidth <= window.innerWidth ? "" :
              [...document.querySelectorAll("body *")].filter(e => e.getBoundingClientRect().right > window.innerWidth && !e.closest(".defile"))
                .slice(0, 5).map(e => `${e.tagName.toLowerCase()}.${e.className} (${Math.round(e.getBoundingClientRect().right)} px)`).join(", ") || "?"
            """)).ShouldBeEmpty($"{page.Url} is wider than the screen ({page.ViewportSize?.Width} px); too wide:");

    protected static Task Heading(IPage page, string name) =>
        page.GetByRole(AriaRole.Heading, new() { Name = name, Level = 1 }).WaitForAsync();

    protected static async Task Tab(IPage page, string tab) =>
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Menu principal" }).GetByRole(AriaRole.Link, new() { Name = tab, Exact = true }).ClickAsync();
    protected async Task Accessible(IPage page, string name)
    {
        var result = await page.RunAxe();
        var found = result.Violations.Select(v => $"{v.Id} ({v.Impact})").ToList();
        lock (server.AxeReport) server.AxeReport.Add($"| {name} | {new Uri(page.Url).PathAndQuery}{new Uri(page.Url).Fragment} | {(found.Count == 0 ? "none" : string.Join(", ", found))} |");
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}").ToList();
        serious.ShouldBeEmpty($"axe-core on {name} ({page.Url})");
    }

    protected Task Shoot(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(server.Artefacts, $"{name}.png"), FullPage = true });

    /// <summary>The page is checked by axe and photographed, under its name.</summary>
    protected async Task Check(IPage page, string name)
    {
        await Accessible(page, name);
        await Shoot(page, name);
    }
}
