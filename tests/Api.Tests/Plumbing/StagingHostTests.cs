using System.Diagnostics;
using Alba;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using PortailFamille.Api.Payments;
using PortailFamille.Api.Tests.Support;
using Wolverine;

namespace PortailFamille.Api.Tests.Plumbing;

/// <summary>
/// A real Staging host (its own key, https PayFiP and portal, an SMTP host) on a database that only the documented
/// production step made: <c>db-apply</c>, run as its own process, then no automatic schema change at all.
/// </summary>
public class StagingHostTests(AppFixture app) : ApiTest(app)
{
    private static Dictionary<string, string> StagingSettings(string connectionString) => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Staging",
        ["ConnectionStrings__Portail"] = connectionString,
        ["Jwt__SigningKey"] = "une-cle-de-recette-propre-a-la-commune-0123456789",
        ["PayFiP__ServiceUrl"] = "https://www.payfip.gouv.fr/tpa/services/securite",
        ["PayFiP__PaymentUrl"] = "https://www.payfip.gouv.fr/tpa/paiementws.web",
        ["PayFiP__Saisie"] = "X",
        ["Portal__PublicUrl"] = "https://recette.portail.test",
        ["Mail__Smtp__Host"] = "127.0.0.1",
    };

    /// <summary>Two communes on their own host names and databases, instead of the one of ConnectionStrings__Portail.</summary>
    private static Dictionary<string, string> TwoCommunes(AppFixture.TwoCommunesDatabases databases) => new()
    {
        ["ConnectionStrings__Platform"] = databases.Platform,
        ["Communes__0__Id"] = AppFixture.Lezignan, ["Communes__0__Hosts__0"] = AppFixture.LezignanHost,
        ["Communes__0__ConnectionString"] = databases.Lezignan,
        ["Communes__1__Id"] = AppFixture.SaintPargoire, ["Communes__1__Hosts__0"] = AppFixture.SaintPargoireHost,
        ["Communes__1__ConnectionString"] = databases.SaintPargoire,
    };

    private static async Task DbApplyAsync(string connectionString, Dictionary<string, string>? more = null)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "PortailFamille.Api.dll"), "db-apply"])
            { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory };
        foreach (var (key, value) in StagingSettings(connectionString).Concat(more ?? [])) start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        process.ExitCode.ShouldBe(0, $"db-apply failed:\n{await output}\n{await errors}");
    }

    private static Task<IAlbaHost> StagingHost(string connectionString, Dictionary<string, string>? more = null) => AlbaHost.For<Program>(builder =>
    {
        builder.UseEnvironment("Staging");
        foreach (var (key, value) in StagingSettings(connectionString).Concat(more ?? []).Where(s => s.Key != "ASPNETCORE_ENVIRONMENT"))
            builder.UseSetting(key.Replace("__", ":"), value);
        builder.ConfigureServices(services => services.DisableAllExternalWolverineTransports());
    });

    [Fact]
    public async Task A_staging_host_runs_on_the_schema_db_apply_made_and_never_mounts_the_payfip_simulator()
    {
        var simulator = new (string Path, int Status, string Shows)[]
        {
            (PayFiPSimulatorPages.PagePath + "?idop=inconnu", 404, "Paiement introuvable"),
            (PayFiPSimulatorPages.ServicePath + "?wsdl", 200, "wsdl:definitions"),
        };
        // The test host (a development environment) has the simulator: the same requests reach it there.
        foreach (var (path, status, shows) in simulator)
        {
            var there = await Host.Scenario(s => { s.Get.Url(path); s.StatusCodeShouldBe(status); });
            (await there.ReadAsTextAsync()).ShouldContain(shows);
        }

        await using var scratch = await ScratchDatabase.CreateAsync(Host.Services.CommuneDataSource());
        await DbApplyAsync(scratch.ConnectionString);
        await using (var staging = await StagingHost(scratch.ConnectionString))
        {
            // Every table a request or the start-up reads exists: /health reads documents, the bootstrap account logs in.
            await staging.Scenario(s => { s.Get.Url("/health"); s.StatusCodeShouldBeOk(); });
            var login = await staging.Scenario(s =>
            {
                s.Post.Json(new { email = AppFixture.StaffEmail, password = AppFixture.StaffPassword }).ToUrl("/api/auth/login");
                s.StatusCodeShouldBeOk();
            });
            var token = (await login.ReadAsJsonAsync<System.Text.Json.Nodes.JsonNode>())!["accessToken"]!.GetValue<string>();
            // Signed in, so an unmapped path answers 404 (anonymous, the fallback policy answers 401 first).
            foreach (var (path, _, shows) in simulator)
            {
                var answer = await staging.Scenario(s => { s.Get.Url(path); s.WithBearerToken(token); s.StatusCodeShouldBe(404); });
                (await answer.ReadAsTextAsync()).ShouldNotContain(shows);
            }
            await staging.Scenario(s =>
            {
                s.Post.Text("<soap:Envelope/>").ToUrl(PayFiPSimulatorPages.ServicePath);
                s.WithBearerToken(token);
                s.StatusCodeShouldBe(404);
            });
        }
    }

    [Fact]
    public async Task Db_apply_prepares_every_communes_database_and_a_staging_host_serves_both_with_no_schema_change_of_its_own()
    {
        var databases = await App.CreateTwoCommunesDatabasesAsync();
        var communes = TwoCommunes(databases);
        await DbApplyAsync(databases.Lezignan, communes);
        await using var staging = await StagingHost(databases.Lezignan, communes);
        foreach (var (host, commune) in new[] { (AppFixture.LezignanHost, AppFixture.Lezignan), (AppFixture.SaintPargoireHost, AppFixture.SaintPargoire) })
        {
            var health = await staging.Scenario(s =>
            {
                s.Get.Url("/health");
                s.ConfigureHttpContext(c => c.Request.Host = new Microsoft.AspNetCore.Http.HostString(host));
                s.StatusCodeShouldBeOk();
            });
            (await health.ReadAsJsonAsync<System.Text.Json.Nodes.JsonNode>())!["commune"]!.GetValue<string>().ShouldBe(commune);
            // Each commune's first staff account was created at start-up in its own database, on the schema db-apply made.
            await staging.Scenario(s =>
            {
                s.Post.Json(new { email = AppFixture.StaffEmail, password = AppFixture.StaffPassword }).ToUrl("/api/auth/login");
                s.ConfigureHttpContext(c => c.Request.Host = new Microsoft.AspNetCore.Http.HostString(host));
                s.StatusCodeShouldBeOk();
            });
        }
        // Outside Development a host that names no commune is refused.
        await staging.Scenario(s =>
        {
            s.Get.Url("/api/commune");
            s.ConfigureHttpContext(c => c.Request.Host = new Microsoft.AspNetCore.Http.HostString("inconnue.portail.test"));
            s.StatusCodeShouldBe(404);
        });
    }
}
