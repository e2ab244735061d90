using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace PortailFamille.Browser.Tests;

/// <summary>What every page of the portal is held to: axe-core finds nothing serious or critical, and its screenshots.</summary>
public partial class PortalJourneyTests
{
    private async Task Accessible(IPage page, string name)
    {
        var result = await page.RunAxe();
        var found = result.Violations.Select(v => $"{v.Id} ({v.Impact})").ToList();
        lock (server.AxeReport) server.AxeReport.Add($"| {name} | {new Uri(page.Url).PathAndQuery}{new Uri(page.Url).Fragment} | {(found.Count == 0 ? "none" : string.Join(", ", found))} |");
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}").ToList();
        serious.ShouldBeEmpty($"axe-core on {name} ({page.Url})");
    }

    private Task Shoot(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(server.Artefacts, $"{name}.png"), FullPage = true });

    /// <summary>The page is checked by axe and photographed, under its name.</summary>
    private async Task Check(IPage page, string name)
    {
        await Accessible(page, name);
        await Shoot(page, name);
    }
}
