using System.Text.RegularExpressions;

namespace PortailFamille.Api.Infrastructure;

/// <summary>One commune the deployment serves: its id (a slug, carried by its tokens), the host names it answers on,
/// its database and its settings.</summary>
public sealed class CommuneEntry
{
    public string Id { get; set; } = "";
    public string[] Hosts { get; set; } = [];
    public string ConnectionString { get; set; } = "";
    public CommuneSettings Commune { get; set; } = new();
}

/// <summary>
/// The communes of the deployment. One commune (today's settings: <c>ConnectionStrings__Portail</c> and <c>Commune__…</c>,
/// its id <c>Commune__Id</c>, "commune" by default) answers on any host. Several (<c>Communes__0__Id</c>,
/// <c>Communes__0__Hosts__0</c>, <c>Communes__0__ConnectionString</c>, <c>Communes__0__Commune__Name</c>, …) each answer on
/// their own host names; a host that names none is the first commune's in Development and refused elsewhere.
/// </summary>
public sealed partial class CommuneDirectory
{
    public CommuneDirectory(IReadOnlyList<CommuneEntry> all) => All = all;

    /// <summary>The id of the one commune when <c>Commune__Id</c> does not name it.</summary>
    public const string DefaultId = "commune";

    public IReadOnlyList<CommuneEntry> All { get; }

    public bool Single => All.Count == 1;

    public CommuneEntry First => All[0];

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$")]
    private static partial Regex Slug();

    public static CommuneDirectory FromConfiguration(IConfiguration config)
    {
        var several = config.GetSection("Communes").Get<List<CommuneEntry>>() ?? [];
        if (several.Count > 0) return new CommuneDirectory(several);
        var single = new CommuneEntry
        {
            Id = config["Commune:Id"] ?? DefaultId,
            ConnectionString = config.GetConnectionString("Portail") ?? "",
            Commune = config.GetSection("Commune").Get<CommuneSettings>() ?? new CommuneSettings(),
        };
        return new CommuneDirectory([single]);
    }

    /// <summary>What makes the directory unusable, in words an operator can act on (empty when it is fine).</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (All.Count == 0) problems.Add("No commune is configured.");
        foreach (var entry in All)
        {
            if (!Slug().IsMatch(entry.Id)) problems.Add($"Commune id '{entry.Id}' must be 1 to 40 lower-case letters, digits or '-'.");
            if (string.IsNullOrWhiteSpace(entry.ConnectionString)) problems.Add($"Commune '{entry.Id}' has no connection string.");
            if (!Single && entry.Hosts.Length == 0) problems.Add($"Commune '{entry.Id}' has no host name (Communes__N__Hosts__0).");
        }
        problems.AddRange(All.GroupBy(e => e.Id).Where(g => g.Count() > 1).Select(g => $"Commune id '{g.Key}' is used twice."));
        problems.AddRange(All.SelectMany(e => e.Hosts.Select(Normalize)).GroupBy(h => h).Where(g => g.Count() > 1)
            .Select(g => $"Host name '{g.Key}' names two communes."));
        return problems;
    }

    /// <summary>The commune a request's host names: the only one when there is one; else by host name (case and port
    /// ignored), or the first one in Development; null when none.</summary>
    public CommuneEntry? ForHost(string? host, bool development)
    {
        if (Single) return First;
        var name = Normalize(host ?? "");
        return All.FirstOrDefault(e => e.Hosts.Any(h => Normalize(h) == name)) ?? (development ? First : null);
    }

    public CommuneEntry? ById(string? id) => All.FirstOrDefault(e => e.Id == id);

    private static string Normalize(string host)
    {
        var name = host.Trim().ToLowerInvariant();
        // "[::1]:5080" keeps its brackets; "lezignan.localhost:5080" loses its port.
        var colon = name.LastIndexOf(':');
        return colon > 0 && !name.EndsWith(']') && name.IndexOf(':') == colon ? name[..colon] : name.TrimEnd('.');
    }
}

/// <summary>The commune the request is for, set by <see cref="CommuneResolution"/> before anything else reads it.</summary>
public sealed record CurrentCommune(CommuneEntry Entry)
{
    public const string Claim = "commune";

    public static CommuneEntry? Of(HttpContext context) => context.Features.Get<CurrentCommune>()?.Entry;
}

/// <summary>Resolves the request's commune from its host name; a host that names no commune is 404 (a French problem).</summary>
public sealed class CommuneResolution(RequestDelegate next, CommuneDirectory directory, IWebHostEnvironment environment)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var entry = directory.ForHost(context.Request.Host.Value, environment.AllowsDevelopmentSettings());
        if (entry is null)
        {
            await Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Introuvable",
                detail: "Aucune commune n'est servie à cette adresse.").ExecuteAsync(context);
            return;
        }
        context.Features.Set(new CurrentCommune(entry));
        await next(context);
    }
}
