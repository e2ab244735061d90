using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Npgsql;
using PortailFamille.Domain.Calendar;
using Weasel.Postgresql.Connections;

namespace PortailFamille.Api.Infrastructure;

/// <summary>One commune the deployment serves: its id (a slug, carried by its tokens), the host names it answers on,
/// its database and its settings.</summary>
public sealed class CommuneEntry
{
    public string Id { get; set; } = "";
    public string[] Hosts { get; set; } = [];
    public string ConnectionString { get; set; } = "";
    public CommuneSettings Commune { get; set; } = new();
    /// <summary>Base address of its e-mailed links and PayFiP's return addresses; by default the portal's, on the commune's first host.</summary>
    public string PublicUrl { get; set; } = "";
    /// <summary>Its first staff account, created at start-up if missing; none set: the deployment's <c>Bootstrap__…</c>.</summary>
    public BootstrapSettings? Bootstrap { get; set; }

    /// <summary>Its tenant in Marten and Wolverine: its id, or with a single commune Marten's default tenant, the one every
    /// stream written before several communes existed carries (Marten refuses to append to a stream of another tenant).</summary>
    public string TenantId { get; private set; } = "";

    internal void ServedAlone(bool alone) => TenantId = alone ? JasperFx.StorageConstants.DefaultTenantId : Id;

    private PublicHolidays? _holidays;
    public PublicHolidays Holidays => _holidays ??= new PublicHolidays(Commune.AlsaceMoselle);
}

/// <summary>
/// The communes of the deployment. One commune (today's settings: <c>ConnectionStrings__Portail</c> and <c>Commune__…</c>,
/// its id <c>Commune__Id</c>, "commune" by default) answers on any host. Several (<c>Communes__0__Id</c>,
/// <c>Communes__0__Hosts__0</c>, <c>Communes__0__ConnectionString</c>, <c>Communes__0__Commune__Name</c>, …) each answer on
/// their own host names; a host that names none is the first commune's in Development and refused elsewhere.
/// </summary>
public sealed partial class CommuneDirectory
{
    public CommuneDirectory(IReadOnlyList<CommuneEntry> all, string? platformConnectionString = null)
    {
        All = all;
        foreach (var entry in all) entry.ServedAlone(all.Count == 1);
        PlatformConnectionString = Single ? all.FirstOrDefault()?.ConnectionString ?? "" : platformConnectionString ?? "";
    }

    /// <summary>Where Wolverine keeps its nodes, agents and the messages of no commune: with one commune, its own database.</summary>
    public string PlatformConnectionString { get; }

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
        if (several.Count > 0) return new CommuneDirectory(several, config.GetConnectionString("Platform"));
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
        // Two communes in one database would read each other's families.
        problems.AddRange(All.Where(e => !string.IsNullOrWhiteSpace(e.ConnectionString))
            .GroupBy(e => new NpgsqlConnectionStringBuilder(e.ConnectionString) is var b ? $"{b.Host}:{b.Port}/{b.Database}" : "")
            .Where(g => g.Count() > 1).Select(g => $"Communes {string.Join(", ", g.Select(e => $"'{e.Id}'"))} share one database ({g.Key})."));
        if (!Single && string.IsNullOrWhiteSpace(PlatformConnectionString))
            problems.Add("Several communes need ConnectionStrings__Platform: the database of the nodes, their agents and the messages of no commune.");
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

    /// <summary>The commune a message was sent for (its envelope's tenant id): the only one when there is one.</summary>
    public CommuneEntry OfMessage(Wolverine.Envelope envelope) => Single ? First
        : All.FirstOrDefault(e => e.TenantId == envelope.TenantId) ?? throw new InvalidOperationException($"Message {envelope.MessageType} names no known commune ('{envelope.TenantId}').");

    /// <summary>Gives each commune its public address: its own setting, else the portal's with the commune's first host name.</summary>
    public void SetPublicUrls(string portalUrl)
    {
        foreach (var entry in All)
        {
            if (!string.IsNullOrWhiteSpace(entry.PublicUrl)) entry.PublicUrl = entry.PublicUrl.TrimEnd('/');
            else if (Single || entry.Hosts.Length == 0) entry.PublicUrl = portalUrl;
            else entry.PublicUrl = new UriBuilder(portalUrl) { Host = entry.Hosts[0] }.Uri.ToString().TrimEnd('/');
        }
    }

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

/// <summary>
/// The commune a scope works for: the request's (its host name) or, outside a request (the desk, the sweeps, a
/// message handler), the one set with <see cref="Use"/>. Everything per commune (settings, database, sessions, public
/// holidays) is resolved through it, so no code reaches a commune it was not asked for.
/// </summary>
public sealed class CommuneContext(IHttpContextAccessor http)
{
    private CommuneEntry? _entry;

    public CommuneEntry Entry => _entry ?? (http.HttpContext is { } request ? CurrentCommune.Of(request) : null)
        ?? throw new InvalidOperationException("No commune in this scope: set one with CommuneContext.Use.");

    public string Id => Entry.Id;

    /// <summary>What its Marten sessions and Wolverine messages name (see <see cref="CommuneEntry.TenantId"/>).</summary>
    public string TenantId => Entry.TenantId;

    public CommuneContext Use(CommuneEntry entry)
    {
        _entry = entry;
        return this;
    }
}

/// <summary>One connection pool per commune database (NodaTime types mapped), shared by Marten and the raw SQL.</summary>
public sealed class CommuneDatabases(CommuneDirectory directory) : INpgsqlDataSourceFactory, IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, NpgsqlDataSource> _sources = new();

    public NpgsqlDataSource Create(string connectionString) =>
        _sources.GetOrAdd(connectionString, cs => new NpgsqlDataSourceBuilder(cs).UseNodaTime().Build());

    // This registry disposes them, once, when the host stops.
    public bool OwnsDataSource(NpgsqlDataSource dataSource) => false;

    public NpgsqlDataSource For(CommuneEntry commune) => Create(commune.ConnectionString);

    public NpgsqlDataSource For(string communeId) =>
        For(directory.ById(communeId) ?? throw new ArgumentException($"No commune '{communeId}'.", nameof(communeId)));

    public NpgsqlDataSource Platform => Create(directory.PlatformConnectionString);

    public async ValueTask DisposeAsync()
    {
        foreach (var source in _sources.Values) await source.DisposeAsync();
    }
}

/// <summary>The scope's commune database for raw SQL. Not the pool itself: a scope disposes what its factories made, and the
/// pool outlives every scope.</summary>
public sealed class CommuneDatabase(NpgsqlDataSource source)
{
    public NpgsqlDataSource Source => source;

    public NpgsqlCommand CreateCommand(string? sql = null) => source.CreateCommand(sql);

    public ValueTask<NpgsqlConnection> OpenConnectionAsync(CancellationToken cancellation = default) => source.OpenConnectionAsync(cancellation);
}

/// <summary>Wolverine's tenant of an HTTP request: the commune <see cref="CommuneResolution"/> found, so the sessions it opens
/// for an endpoint, and the messages the endpoint sends, are that commune's.</summary>
public sealed class CommuneTenantDetection : Wolverine.Http.Runtime.MultiTenancy.ITenantDetection
{
    public ValueTask<string?> DetectTenant(HttpContext context) => ValueTask.FromResult(CurrentCommune.Of(context)?.TenantId);
}

public static class CommuneServices
{
    /// <summary>A scope working for one commune, for work outside a request.</summary>
    public static AsyncServiceScope ForCommune(this IServiceProvider services, CommuneEntry commune) =>
        services.GetRequiredService<IServiceScopeFactory>().ForCommune(commune);

    public static AsyncServiceScope ForCommune(this IServiceScopeFactory scopes, CommuneEntry commune)
    {
        var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CommuneContext>().Use(commune);
        return scope;
    }

    /// <summary>What is per commune, resolved through the scope's <see cref="CommuneContext"/>.</summary>
    public static IServiceCollection AddCommunes(this IServiceCollection services, CommuneDirectory directory, CommuneDatabases databases)
    {
        services.AddHttpContextAccessor();
        services.AddSingleton(directory);
        services.AddSingleton(databases);
        services.AddScoped<CommuneContext>();
        services.AddScoped(sp => sp.GetRequiredService<CommuneContext>().Entry.Commune);
        services.AddScoped(sp => new CommuneDatabase(databases.For(sp.GetRequiredService<CommuneContext>().Entry)));
        services.AddScoped(sp => sp.GetRequiredService<CommuneContext>().Entry.Holidays);
        services.AddScoped(sp => new PortalSettings { PublicUrl = sp.GetRequiredService<CommuneContext>().Entry.PublicUrl });
        return services;
    }
}
