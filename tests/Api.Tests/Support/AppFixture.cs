using Alba;
using JasperFx.CommandLine;
using Marten;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NodaTime;
using NodaTime.Testing;
using PortailFamille.Api.Infrastructure;
using Wolverine;

namespace PortailFamille.Api.Tests.Support;

/// <summary>
/// One API host for the integration tests, on the real PostgreSQL that ops/test starts
/// (ConnectionStrings__Portail), with a settable clock and a loopback SMTP server.
/// </summary>
public sealed class AppFixture : IAsyncLifetime
{
    /// <summary>The one commune of the suite's host (today's single-commune settings).</summary>
    public const string CommuneId = CommuneDirectory.DefaultId;
    /// <summary>Its tenant in Marten: alone, the default one (see CommuneEntry.TenantId).</summary>
    public const string TenantId = JasperFx.StorageConstants.DefaultTenantId;
    public const string StaffEmail = "gestion@mairie.test";
    public const string StaffPassword = "Gestion-Mairie-2026!";
    public static readonly Instant DefaultNow = Instant.FromUtc(2026, 9, 14, 8, 0); // Monday 14 Sept 2026, 10:00 Paris

    public IAlbaHost? HostOrNull { get; private set; }
    public IAlbaHost Host => HostOrNull ?? throw new InvalidOperationException("The API host did not start.");
    public FakeClock Clock { get; } = new(DefaultNow);
    public SmtpSink Smtp { get; } = new();
    public LogCapture Logs { get; } = new();
    public string PickupDirectory { get; } = Path.Combine(Path.GetTempPath(), "portail-mails-" + Guid.NewGuid().ToString("N"));

    public async Task InitializeAsync()
    {
        var connection = Environment.GetEnvironmentVariable("ConnectionStrings__Portail")
            ?? throw new InvalidOperationException("ConnectionStrings__Portail is not set: run the tests with ops/test, which starts PostgreSQL.");
        JasperFxEnvironment.AutoStartHost = true;
        // Program reads these while building, so they are process settings rather than late overrides.
        Environment.SetEnvironmentVariable("Mail__Smtp__Host", "127.0.0.1");
        Environment.SetEnvironmentVariable("Mail__Smtp__Port", Smtp.Port.ToString());
        Environment.SetEnvironmentVariable("Mail__PickupDirectory", PickupDirectory);
        Environment.SetEnvironmentVariable("Bootstrap__StaffEmail", StaffEmail);
        Environment.SetEnvironmentVariable("Bootstrap__StaffPassword", StaffPassword);
        Environment.SetEnvironmentVariable("Portal__PublicUrl", "https://portail.test");
        // PayFiP's answers are asked for a second after a payment starts, then every second while unknown.
        Environment.SetEnvironmentVariable("PayFiP__ReconcileAfter", "00:00:01");
        Environment.SetEnvironmentVariable("PayFiP__ReconcileEvery", "00:00:01");
        // The fuzzer sends hundreds of requests per operation from one account: per-account limits must not answer
        // them before the endpoint's own checks. RateLimitTests puts the shipped defaults back for its own accounts.
        Environment.SetEnvironmentVariable("RateLimits__BookingsPerAccount", "100000");
        Environment.SetEnvironmentVariable("RateLimits__RequestsPerAccount", "100000");
        HostOrNull = await AlbaHost.For<Program>(builder =>
        {
            AsTestHost(builder);
            builder.UseSetting("ConnectionStrings:Portail", connection);
            builder.ConfigureServices(services => services.AddTransient<Microsoft.AspNetCore.Hosting.IStartupFilter, TestOnlyEndpoints>());
        });
        // Each request comes from its own client address, as many people's would, unless a test names one.
        Host.BeforeEach(context => context.Connection.RemoteIpAddress ??= RandomAddress());
        // The portal calls PayFiP (its simulator) and the simulator notifies the portal over HTTP, through the test server.
        Host.Services.GetRequiredService<PortailFamille.Api.Payments.PayFiPHttp>().Handler = () => new PayFiPTap(this, Host.Server.CreateHandler());
    }

    /// <summary>What every test host shares: the Testing environment, the suite's clock and log capture, and (unless
    /// <paramref name="nodesTalk"/>: Wolverine's nodes then reach each other through the platform database) no transport.</summary>
    private void AsTestHost(IWebHostBuilder builder, bool nodesTalk = false)
    {
        builder.UseEnvironment("Testing");
        // The levels Production ships with (appsettings.json), so the log-scrubbing test sees what it would log.
        builder.UseSetting("Logging:LogLevel:Default", "Information");
        builder.UseSetting("Logging:Console:LogLevel:Default", "Warning");
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<IClock>(Clock);
            services.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(Logs);
            if (!nodesTalk) services.DisableAllExternalWolverineTransports();
        });
    }

    public static System.Net.IPAddress RandomAddress() =>
        new([10, (byte)Random.Shared.Next(256), (byte)Random.Shared.Next(256), (byte)Random.Shared.Next(1, 255)]);

    /// <summary>Runs once PayFiP (the simulator) has answered a detail request, then is cleared: a fault to inject at that moment.</summary>
    public Func<Task>? AfterPayFiPDetail { get => _afterPayFiPDetail; set => _afterPayFiPDetail = value; }

    /// <summary>PayFiP cannot be reached: the portal's calls fail as a refused connection would.</summary>
    public bool PayFiPDown { get; set; }

    /// <summary>The portal's HTTP calls to PayFiP, with a place for a test to act between PayFiP's answer and the portal's next step.</summary>
    private sealed class PayFiPTap(AppFixture fixture, HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (fixture.PayFiPDown) throw new HttpRequestException("PayFiP injoignable (test)");
            var isDetail = request.Content is not null
                && (await request.Content.ReadAsStringAsync(cancellationToken)).Contains("recupererDetailPaiementSecurise", StringComparison.Ordinal);
            var response = await base.SendAsync(request, cancellationToken);
            // Taken by one call only (a hook may put itself back to hold the next calls too).
            if (isDetail && Interlocked.Exchange(ref fixture._afterPayFiPDetail, null) is { } hook) await hook();
            return response;
        }
    }

    private Func<Task>? _afterPayFiPDetail;

    /// <summary>Empties the store and puts back what start-up creates (calendar, bootstrap staff).</summary>
    public async Task ResetAsync()
    {
        await MailsDeliveredAsync();
        Clock.Reset(DefaultNow);
        AfterPayFiPDetail = null;
        PayFiPDown = false;
        var regie = Host.Services.InCommune<CommuneSettings>().Regie;
        (regie.PaymentAllowed, regie.PartialPaymentAllowed) = (true, false);
        await ResetMartenDataAsync();
        // The seat guard tables and the document number counters are not Marten documents: empty them too.
        await using (var command = Host.Services.CommuneDataSource()
            .CreateCommand("truncate portail.seats, portail.waitlist, portail.idempotency, portail.document_numbers, portail.login_throttle, portail.ended_sessions, portail.sweep_leases"))
            await command.ExecuteNonQueryAsync();
        await Host.Services.GetServices<IHostedService>().OfType<StartupData>().Single().StartAsync(CancellationToken.None);
        Smtp.Clear();
        Logs.Clear();
        if (Directory.Exists(PickupDirectory))
            foreach (var file in Directory.GetFiles(PickupDirectory)) File.Delete(file);
    }

    /// <summary>Marten's reset deletes every table's rows while the previous test's background work (the async daemon, a
    /// durable message) may still be writing; PostgreSQL then picks one side of the deadlock. Only the reset is tried again:
    /// the test itself starts after a clean store either way.</summary>
    private async Task ResetMartenDataAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await Host.ResetAllMartenDataAsync();
                return;
            }
            catch (Npgsql.PostgresException e) when (e.SqlState == Npgsql.PostgresErrorCodes.DeadlockDetected && attempt < 3)
            {
                await Console.Error.WriteLineAsync($"The store's reset deadlocked with background work (attempt {attempt}); trying it again.");
            }
        }
    }

    /// <summary>Waits until the previous test's e-mails have left the durable outbox, so none lands in the next test.
    /// Scheduled payment reconciliations are not waited for: once the store is emptied they find no payment and stop.</summary>
    /// <summary>A message that ended in dead letters during the suite is a failure somebody should read: the run's log names it.</summary>
    private async Task ReportDeadLettersAsync()
    {
        await using var command = Host.Services.CommuneDataSource().CreateCommand(
            "select message_type, exception_type, exception_message from portail.wolverine_dead_letters");
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            await Console.Error.WriteLineAsync($"Dead letter left by the suite: {reader.GetString(0)} — {reader.GetString(1)}: {reader.GetString(2)}");
    }

    private async Task MailsDeliveredAsync()
    {
        var dataSource = Host.Services.CommuneDataSource();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            await using var command = dataSource.CreateCommand(
                "select (select count(*) from portail.wolverine_incoming_envelopes where status not in ('Handled', 'Scheduled')) " +
                "+ (select count(*) from portail.wolverine_outgoing_envelopes)");
            if ((long)(await command.ExecuteScalarAsync())! == 0) return;
            await Task.Delay(20);
        }
        throw new TimeoutException("Messages were still waiting in Wolverine's durable inbox after 30 s.");
    }

    public const string Lezignan = "lezignan", SaintPargoire = "saint-pargoire";
    public const string LezignanHost = "lezignan.test", SaintPargoireHost = "saint-pargoire.test";

    private IAlbaHost? _twoCommunes;
    private readonly List<string> _twoCommunesDatabases = [];

    /// <summary>The two-commune host of the isolation tests, made on first use.</summary>
    public async Task<IAlbaHost> TwoCommunesAsync() => _twoCommunes ??= await StartTwoCommunesAsync(await CreateTwoCommunesDatabasesAsync());

    public sealed record TwoCommunesDatabases(string Platform, string Lezignan, string SaintPargoire);

    /// <summary>Empty databases for the platform and two communes, next to the suite's, dropped when the suite ends.</summary>
    public async Task<TwoCommunesDatabases> CreateTwoCommunesDatabasesAsync()
    {
        var server = new Npgsql.NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable("ConnectionStrings__Portail"));
        await using var admin = Npgsql.NpgsqlDataSource.Create(server.ConnectionString);
        async Task<string> Database(string name)
        {
            var database = $"portail_{name}_{Guid.NewGuid():N}"[..40].Replace('-', '_');
            _twoCommunesDatabases.Add(database);
            await using (var create = admin.CreateCommand($"create database {database}")) await create.ExecuteNonQueryAsync();
            return new Npgsql.NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = database }.ConnectionString;
        }
        return new TwoCommunesDatabases(await Database("plateforme"), await Database(Lezignan), await Database(SaintPargoire));
    }

    /// <summary>
    /// An API host serving two communes, each in its own database (plus the platform's for Wolverine's nodes); same clock,
    /// mail sink and settings as the suite's host. <paramref name="more"/> adds settings (a node's projection daemon).
    /// </summary>
    public async Task<IAlbaHost> StartTwoCommunesAsync(TwoCommunesDatabases databases, Action<IWebHostBuilder>? more = null, bool nodesTalk = false)
    {
        IAlbaHost? host = null;
        host = await AlbaHost.For<Program>(builder =>
        {
            AsTestHost(builder, nodesTalk);
            builder.UseSetting("ConnectionStrings:Platform", databases.Platform);
            builder.UseSetting("Communes:0:Id", Lezignan);
            builder.UseSetting("Communes:0:Hosts:0", LezignanHost);
            builder.UseSetting("Communes:0:ConnectionString", databases.Lezignan);
            builder.UseSetting("Communes:1:Id", SaintPargoire);
            builder.UseSetting("Communes:1:Hosts:0", SaintPargoireHost);
            builder.UseSetting("Communes:1:ConnectionString", databases.SaintPargoire);
            builder.UseSetting("Communes:1:Commune:Name", "Mairie de Saint-Pargoire");
            builder.UseSetting("Communes:1:Commune:Address", "2 place de la Mairie, 34230 Saint-Pargoire");
            builder.UseSetting("Communes:1:Commune:ContactEmail", "accueil@saint-pargoire.test");
            builder.UseSetting("Communes:1:Commune:MailFrom", "portail@saint-pargoire.test");
            builder.UseSetting("Communes:1:Commune:Regie:Name", "Régie périscolaire de Saint-Pargoire");
            builder.UseSetting("Communes:1:Commune:Regie:PayFiPClientNumber", "067890");
            more?.Invoke(builder);
        });
        host.BeforeEach(context => context.Connection.RemoteIpAddress ??= RandomAddress());
        host.Services.GetRequiredService<PortailFamille.Api.Payments.PayFiPHttp>().Handler = () => host.Server.CreateHandler();
        return host;
    }

    /// <summary>Each commune's database emptied and given back what start-up creates.</summary>
    public async Task ResetTwoCommunesAsync()
    {
        var host = await TwoCommunesAsync();
        Clock.Reset(DefaultNow);
        var databases = host.Services.GetRequiredService<CommuneDatabases>();
        foreach (var commune in host.Services.GetRequiredService<CommuneDirectory>().All)
            await Waiting.Until(async () =>
            {
                await using var command = databases.For(commune).CreateCommand(
                    "select (select count(*) from portail.wolverine_incoming_envelopes where status not in ('Handled', 'Scheduled')) " +
                    "+ (select count(*) from portail.wolverine_outgoing_envelopes)");
                return (long)(await command.ExecuteScalarAsync())! == 0;
            }, $"the messages of {commune.Id} delivered");
        await host.ResetAllMartenDataAsync();
        foreach (var commune in host.Services.GetRequiredService<CommuneDirectory>().All)
            await using (var command = databases.For(commune)
                .CreateCommand("truncate portail.seats, portail.waitlist, portail.idempotency, portail.document_numbers, portail.login_throttle, portail.ended_sessions, portail.sweep_leases"))
                await command.ExecuteNonQueryAsync();
        await host.Services.GetServices<IHostedService>().OfType<StartupData>().Single().StartAsync(CancellationToken.None);
        Smtp.Clear();
    }

    public async Task DisposeAsync()
    {
        if (HostOrNull is not null)
        {
            await ReportDeadLettersAsync();
            await HostOrNull.DisposeAsync();
        }
        if (_twoCommunes is not null) await _twoCommunes.DisposeAsync();
        if (_twoCommunesDatabases.Count > 0)
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
            await using var admin = Npgsql.NpgsqlDataSource.Create(Environment.GetEnvironmentVariable("ConnectionStrings__Portail")!);
            foreach (var database in _twoCommunesDatabases)
                await using (var drop = admin.CreateCommand($"drop database if exists {database} with (force)")) await drop.ExecuteNonQueryAsync();
        }
        await Smtp.DisposeAsync();
        if (Directory.Exists(PickupDirectory)) Directory.Delete(PickupDirectory, recursive: true);
    }
}

/// <summary>What is per commune, for tests reaching past the HTTP API: the suite's commune's.</summary>
public static class CommuneTestServices
{
    public static Npgsql.NpgsqlDataSource CommuneDataSource(this IServiceProvider services, string communeId = AppFixture.CommuneId) =>
        services.GetRequiredService<CommuneDatabases>().For(communeId);

    /// <summary>A scoped service as the commune's background work gets it (the scope lives as long as the test).</summary>
    public static T InCommune<T>(this IServiceProvider services, string communeId = AppFixture.CommuneId) where T : notnull =>
        services.ForCommune(services.GetRequiredService<CommuneDirectory>().ById(communeId)!).ServiceProvider.GetRequiredService<T>();
}

[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<AppFixture>
{
    public const string Name = "api";
}
