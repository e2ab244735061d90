using JasperFx;
using JasperFx.Events.Daemon;
using Marten;
using Npgsql;
using NodaTime;
using NodaTime.Text;
using PortailFamille.Api.Accounts;
using PortailFamille.Api.Bookings;
using PortailFamille.Api.Demo;
using PortailFamille.Api.Infrastructure;
using PortailFamille.Api.Money;
using PortailFamille.Api.Privacy;
using PortailFamille.Api.Payments;
using SoapCore;
using PortailFamille.Domain.Calendar;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;

var builder = WebApplication.CreateBuilder(args);
var config = builder.Configuration;
var env = builder.Environment;
StartupGuard.Check(config, env);

var communes = CommuneDirectory.FromConfiguration(config);
var portal = config.GetSection("Portal").Get<PortalSettings>() ?? new PortalSettings();
if (string.IsNullOrWhiteSpace(portal.PublicUrl))
    portal.PublicUrl = (config["ASPNETCORE_URLS"] ?? config["urls"] ?? "http://localhost:5080").Split(';')[0];
portal.PublicUrl = portal.PublicUrl.TrimEnd('/');
communes.SetPublicUrls(portal.PublicUrl);
if (communes.Single && string.IsNullOrWhiteSpace(communes.First.ConnectionString))
    throw new InvalidOperationException("ConnectionStrings__Portail is not set (ops/run sets it for a local database).");
if (communes.Problems() is { Count: > 0 } wrong)
    throw new InvalidOperationException("Refusing to start: " + string.Join(" ", wrong));
var databases = new CommuneDatabases(communes);
var jwt = config.GetSection("Jwt").Get<JwtSettings>() ?? new JwtSettings();
if (string.IsNullOrWhiteSpace(jwt.SigningKey)) jwt.SigningKey = JwtSettings.DevelopmentKey;
var payfip = config.GetSection("PayFiP").Get<PayFiPSettings>() ?? new PayFiPSettings();
var development = env.AllowsDevelopmentSettings();
if (development) payfip.DefaultToSimulator(portal.PublicUrl);
var clockStart = development && !string.IsNullOrWhiteSpace(config["Clock:Now"])
    ? InstantPattern.ExtendedIso.Parse(config["Clock:Now"]!.Trim()).GetValueOrThrow() : (Instant?)null;

// One JSON object per log line, with contacts and tokens masked (PortalLog).
builder.Logging.AddConsole(o => o.FormatterName = PortalLogFormatter.Name).AddConsoleFormatter<PortalLogFormatter, Microsoft.Extensions.Logging.Console.ConsoleFormatterOptions>();

builder.Services.AddPortalTelemetry(config.GetSection("Telemetry").Get<TelemetrySettings>() ?? new TelemetrySettings());
// Settings, database, sessions and holidays of the request's commune (or the one a background scope works for).
builder.Services.AddCommunes(communes, databases);
builder.Services.AddSingleton(config.GetSection("Mail").Get<MailSettings>() ?? new MailSettings());
builder.Services.AddSingleton(config.GetSection("Bootstrap").Get<BootstrapSettings>() ?? new BootstrapSettings());
builder.Services.AddSingleton(config.GetSection("Demo").Get<DemoSettings>() ?? new DemoSettings());
builder.Services.AddSingleton<IClock>(new PortalClock(clockStart));
// Each feature registers its own services (the feature folder's *Setup.cs).
builder.Services.AddAccounts()
    .AddBookings()
    .AddMoney()
    .AddPayments(payfip, development)
    .AddPrivacy(config.GetSection("Retention").Get<PortailFamille.Api.Privacy.RetentionSettings>() ?? new PortailFamille.Api.Privacy.RetentionSettings());

// Solo for one API process. With several processes: Wolverine, which spreads each commune database's projections over
// the nodes (each running on exactly one), or HotCold (one node runs them all).
var daemonSetting = config["Projections:Daemon"] ?? nameof(DaemonMode.Solo);
var wolverineDistributes = daemonSetting.Equals("Wolverine", StringComparison.OrdinalIgnoreCase);
var marten = builder.Services.AddMarten(opts => opts.ConfigurePortail(communes, databases, automaticSchemaChanges: development))
    .UseLightweightSessions();
if (!wolverineDistributes) marten.AddAsyncDaemon(Enum.Parse<DaemonMode>(daemonSetting, ignoreCase: true));
// With several communes, Wolverine's nodes, agents and the messages of no commune live in the platform database;
// each commune's outbox, inbox and scheduled messages live in its own.
marten.IntegrateWithWolverine(w =>
{
    if (!communes.Single)
    {
        w.MasterDataSource = databases.Platform;
        // db-apply reaches Marten's objects in every commune database but Wolverine's envelope tables only in the
        // platform's: each commune's are created (or brought up to date) by the nodes when its message store starts.
        w.AutoCreate = AutoCreate.CreateOrUpdate;
    }
    w.UseWolverineManagedEventSubscriptionDistribution = wolverineDistributes;
});
if (development) marten.ApplyAllDatabaseChangesOnStartup();
builder.Services.ConfigureMarten((services, opts) =>
    opts.Listeners.Add(new SessionVersionListener(services.GetRequiredService<SessionVersions>, communes)));

builder.Host.UseWolverine(opts =>
{
    opts.Policies.AutoApplyTransactions();
    opts.EnableRelayOfUserName = true;
    opts.Policies.UseDurableLocalQueues();
    opts.UseRuntimeCompilation();
    // Messages carry NodaTime values (the housekeeping's day): without its converters a LocalDate arrives as 0001-01-01.
    opts.UseSystemTextJsonForSerialization(json => NodaTime.Serialization.SystemTextJson.Extensions.ConfigureForNodaTime(json, DateTimeZoneProviders.Tzdb));
    // What is per commune is built from the request's commune (CommuneContext), by the container: Wolverine cannot build it inline.
    opts.CodeGeneration.AlwaysUseServiceLocationFor<CommuneSettings>();
    opts.CodeGeneration.AlwaysUseServiceLocationFor<CommuneDatabase>();
    opts.CodeGeneration.AlwaysUseServiceLocationFor<PublicHolidays>();
    opts.CodeGeneration.AlwaysUseServiceLocationFor<PortalSettings>();
});

builder.Services.AddWolverineHttp();
builder.Services.ConfigureHttpJsonOptions(o => JsonSetup.Configure(o.SerializerOptions));
builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = FrenchProblemDetails.Customize);
builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
builder.Services.AddPortalSecurity(jwt);
builder.Services.AddPortalRateLimits(config.GetSection("RateLimits").Get<RateLimitSettings>() ?? new RateLimitSettings());
builder.Services.AddPortalSwagger();
builder.Services.AddHostedService<StartupData>();
// Once the schema is applied: it reads the ended sessions before the node serves a request.
builder.Services.AddHostedService(sp => sp.GetRequiredService<SessionVersions>());
// After Wolverine's own start-up, which creates the durable schedule's tables.
builder.Services.AddHostedService<PortailFamille.Api.Privacy.HousekeepingScheduler>();

var app = builder.Build();

app.UseMiddleware<SecurityHeaders>();
app.UseMiddleware<CorrelationMiddleware>();
// First of all: which commune the request is for (its host name), or 404.
app.UseMiddleware<CommuneResolution>();
app.UseExceptionHandler();
app.UseStatusCodePages();
// The reference web portal (src/Api/wwwroot): static files, no build step.
app.UseDefaultFiles();
app.UseStaticFiles();
// The document names the server it was asked from, so outside clients and linters know where the operations live.
app.UseSwagger(o => o.PreSerializeFilters.Add((document, request) =>
    document.Servers = [new Microsoft.OpenApi.OpenApiServer { Url = $"{request.Scheme}://{request.Host.Value}" }]));
app.UseSwaggerUI(o => o.DocumentTitle = "Portail Famille – API");
app.UseAuthentication();
app.UseAuthorization();
app.UseMiddleware<EmptyIdGuard>();
// After authorization, so 401 and 403 come first and a parent's limit is counted on their account.
app.UseRateLimiter();
app.UseMiddleware<JsonBodyCheck>();
app.UseMiddleware<Idempotency>();

app.MapGet("/health", HealthEndpoint.Get).AllowAnonymous().WithTags("Exploitation")
    .WithSummary("État du service")
    .WithDescription("Public. 200 tant que la base répond (503 sinon), avec l'avancement des projections asynchrones, les messages en lettres " +
                     "mortes, les réponses de PayFiP qui ne correspondaient pas au paiement et les compteurs du guichet des réservations.");
// The e-mailed activation and reset links open the portal's page, which reads the token.
app.MapFallbackToFile("/activation", "index.html").AllowAnonymous();
app.MapFallbackToFile("/reinitialisation", "index.html").AllowAnonymous();
// "?familyId=abc" is a 400, not a silently ignored filter.
app.MapWolverineEndpoints(o =>
{
    o.RejectUnparseableQueryValues = true;
    o.TenantId.DetectWith(new CommuneTenantDetection());
    o.AddResourceWriterPolicy<IdempotentAnswerPolicy>();
    o.AddMiddleware(typeof(CurrentUserMiddleware), EndpointParameters.AsksFor<CurrentUser>);
    o.AddMiddleware(typeof(MomentMiddleware), EndpointParameters.AsksFor<Moment>);
});
if (development) app.MapPayFiPSimulator();

return await app.RunJasperFxCommands(args);

public partial class Program;
