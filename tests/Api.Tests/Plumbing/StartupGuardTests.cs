using Alba;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using PortailFamille.Api.Infrastructure;

namespace PortailFamille.Api.Tests.Plumbing;

public class StartupGuardTests
{
    private const string OwnKey = "une-cle-de-signature-propre-a-la-commune-0123456789";

    private sealed class Env(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "PortailFamille.Api";
        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }

    private static readonly Dictionary<string, string?> GoodProduction = new()
    {
        ["Jwt:SigningKey"] = OwnKey,
        ["PayFiP:ServiceUrl"] = "https://www.payfip.gouv.fr/tpa/services/securite",
        ["PayFiP:PaymentUrl"] = "https://www.payfip.gouv.fr/tpa/paiementws.web",
        ["PayFiP:Saisie"] = "W",
        ["Portal:PublicUrl"] = "https://portail.lezignan-la-cebe.fr",
        ["Mail:Smtp:Host"] = "smtp.lezignan-la-cebe.fr",
    };

    private static void Check(Dictionary<string, string?> settings, string environment = "Production") =>
        StartupGuard.Check(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), new Env(environment));

    private static Dictionary<string, string?> Production(string key, string? value) => new(GoodProduction) { [key] = value };

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    [InlineData("Recette")]
    public void Any_environment_with_its_own_settings_starts(string environment) => Should.NotThrow(() => Check(GoodProduction, environment));

    [Theory]
    [InlineData("Staging")]
    [InlineData("Recette")]
    [InlineData("production")]
    public void Every_environment_but_development_and_testing_fails_closed(string environment)
    {
        var refusal = Should.Throw<InvalidOperationException>(() => Check(new(), environment));
        foreach (var named in new[] { "Jwt__SigningKey", "PayFiP__ServiceUrl", "Portal__PublicUrl", "Mail__Smtp__Host" })
            refusal.Message.ShouldContain(named);
    }

    [Theory]
    [InlineData("Clock:Now", "2026-10-01T08:00:00Z", "Clock__Now")]
    [InlineData("Jwt:SigningKey", null, "Jwt__SigningKey")]
    [InlineData("Jwt:SigningKey", JwtSettings.DevelopmentKey, "Jwt__SigningKey")]
    [InlineData("Jwt:SigningKey", "trop-courte", "Jwt__SigningKey")]
    [InlineData("PayFiP:ServiceUrl", "http://localhost:5080/payfip-simulator/services/securite", "simulator")]
    [InlineData("PayFiP:PaymentUrl", "http://localhost:5080/payfip-simulator/tpa/paiementws.web", "simulator")]
    [InlineData("PayFiP:Saisie", "T", "Saisie")]
    [InlineData("Demo:Seed", "true", "Demo__Seed")]
    [InlineData("Demo:Seed", " true", "Demo__Seed")]
    [InlineData("Demo:Seed", "True ", "Demo__Seed")]
    [InlineData("Jwt:SigningKey", "   une-cle-de-31-octets-seulement   ", "Jwt__SigningKey")]
    [InlineData("PayFiP:ServiceUrl", "http://www.payfip.gouv.fr/tpa/services/securite", "https")]
    [InlineData("PayFiP:PaymentUrl", "https://portail.lezignan-la-cebe.fr/payfip-simulator/tpa/paiementws.web", "simulator")]
    [InlineData("PayFiP:Saisie", " ", "Saisie")]
    [InlineData("Portal:PublicUrl", "http://portail.lezignan-la-cebe.fr", "Portal__PublicUrl")]
    [InlineData("Portal:PublicUrl", null, "Portal__PublicUrl")]
    [InlineData("Mail:Smtp:Host", " ", "Mail__Smtp__Host")]
    public void Production_refuses_development_conveniences(string key, string? value, string named)
    {
        var refusal = Should.Throw<InvalidOperationException>(() => Check(Production(key, value)));
        refusal.Message.ShouldContain(named);
        Should.Throw<InvalidOperationException>(() => Check(Production(key, value), "Staging")).Message.ShouldContain(named);
    }

    [Fact]
    public void Development_and_testing_accept_the_clock_setting()
    {
        Should.NotThrow(() => Check(new() { ["Clock:Now"] = "2026-10-01T08:00:00Z" }, "Development"));
        Should.NotThrow(() => Check(new() { ["Clock:Now"] = "2026-10-01T08:00:00Z" }, "Testing"));
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Recette")]
    public async Task The_real_program_refuses_to_start_with_the_development_key(string environment)
    {
        var refusal = await Should.ThrowAsync<Exception>(() => AlbaHost.For<Program>(b =>
        {
            b.UseEnvironment(environment);
            b.UseSetting("ConnectionStrings:Portail", "Host=127.0.0.1;Port=1;Database=none");
        }));
        refusal.ToString().ShouldContain($"Refusing to start in {environment}");
    }
}
