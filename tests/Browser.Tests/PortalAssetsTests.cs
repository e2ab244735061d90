namespace PortailFamille.Browser.Tests;

/// <summary>The portal's own code stays small and local: it loads fast on a phone and depends on no outside server.</summary>
public class PortalAssetsTests
{
    private static readonly string WebRoot = Path.Combine(PortalServer.FindRepository(), "src", "Api", "wwwroot");

    private static IEnumerable<string> Assets() =>
        Directory.EnumerateFiles(WebRoot, "*.*", SearchOption.AllDirectories).Where(f => f.EndsWith(".js") || f.EndsWith(".css") || f.EndsWith(".html"));

    [Fact]
    public void The_portal_s_own_javascript_and_css_stay_under_200_kb_uncompressed()
    {
        var bytes = Assets().Where(f => !f.EndsWith(".html")).Sum(f => new FileInfo(f).Length);
        bytes.ShouldBeGreaterThan(0);
        bytes.ShouldBeLessThan(200 * 1024);
    }

    [Fact]
    public void No_page_or_module_names_another_origin()
    {
        var outside = Assets().SelectMany(f => System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(f), @"(?:src|href)\s*=\s*[""']?(?:https?:)?//[^""'\s>]+")
            .Select(m => $"{Path.GetFileName(f)}: {m.Value}")).ToList();
        outside.ShouldBeEmpty();
    }
}
