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
            builder.UseEnvironment("Testing");
            builder.UseSetting("ConnectionStrings:Portail", connection);
            // The levels Production ships with (appsettings.json), so the log-scrubbing test sees what it would log.
            builder.UseSetting("Logging:LogLevel:Default", "Information");
            builder.UseSetting("Logging:Console:LogLevel:Default", "Warning");
            builder.ConfigureServices(services =>
            {
                services.AddSingleton<IClock>(Clock);
                services.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(Logs);
                services.DisableAllExternalWolverineTransports();
                services.AddTransient<Microsoft.AspNetCore.Hosting.IStartupFilter, TestOnlyEndpoints>();
            });
        });
        // Each request comes from its own client address, as many people's would, unless a test names one.
        Host.BeforeEach(context => context.Connection.RemoteIpAddress ??= RandomAddress());
        // The portal calls PayFiP (its simulator) and the simulator notifies the portal over HTTP, through the test server.
        Host.Services.GetRequiredService<PortailFamille.Api.Payments.PayFiPHttp>().Handler = () => new PayFiPTap(this, Host.Server.CreateHandler());
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
        var regie = Host.Services.GetRequiredService<CommuneSettings>().Regie;
        (regie.PaymentAllowed, regie.PartialPaymentAllowed) = (true, false);
        await Host.ResetAllMartenDataAsync();
        // The seat guard tables and the document number counters are not Marten documents: empty them too.
        await using (var command = Host.Services.GetRequiredService<Npgsql.NpgsqlDataSource>()
            .CreateCommand("truncate portail.seats, portail.waitlist, portail.idempotency, portail.document_numbers, portail.login_throttle, portail.ended_sessions"))
            await command.ExecuteNonQueryAsync();
        await Host.Services.GetServices<IHostedService>().OfType<StartupData>().Single().StartAsync(CancellationToken.None);
        Smtp.Clear();
        Logs.Clear();
        if (Directory.Exists(PickupDirectory))
            foreach (var file in Directory.GetFiles(PickupDirectory)) File.Delete(file);
    }

    /// <summary>Waits until the previous test's e-mails have left the durable outbox, so none lands in the next test.
    /// Scheduled payment reconciliations are not waited for: once the store is emptied they find no payment and stop.</summary>
    /// <summary>A message that ended in dead letters during the suite is a failure somebody should read: the run's log names it.</summary>
    private async Task ReportDeadLettersAsync()
    {
        await using var command = Host.Services.GetRequiredService<Npgsql.NpgsqlDataSource>().CreateCommand(
            "select message_type, exception_type, exception_message from portail.wolverine_dead_letters");
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            await Console.Error.WriteLineAsync($"Dead letter left by the suite: {reader.GetString(0)} — {reader.GetString(1)}: {reader.GetString(2)}");
    }

    private async Task MailsDeliveredAsync()
    {
        var dataSource = Host.Services.GetRequiredService<Npgsql.NpgsqlDataSource>();
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

    public async Task DisposeAsync()
    {
        if (HostOrNull is not null)
        {
            await ReportDeadLettersAsync();
            await HostOrNull.DisposeAsync();
        }
        await Smtp.DisposeAsync();
        if (Directory.Exists(PickupDirectory)) Directory.Delete(PickupDirectory, recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<AppFixture>
{
    public const string Name = "api";
}
