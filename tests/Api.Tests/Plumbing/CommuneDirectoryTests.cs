using Microsoft.Extensions.Configuration;
using PortailFamille.Api.Infrastructure;

namespace PortailFamille.Api.Tests.Plumbing;

/// <summary>Which commune a request is for: one commune answers everywhere; several answer on their own host names.</summary>
public class CommuneDirectoryTests
{
    private static CommuneDirectory From(Dictionary<string, string?> settings) =>
        CommuneDirectory.FromConfiguration(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());

    private static readonly Dictionary<string, string?> Two = new()
    {
        ["Communes:0:Id"] = "lezignan", ["Communes:0:Hosts:0"] = "lezignan.localhost", ["Communes:0:Hosts:1"] = "lezignan-la-cebe.portail-famille.fr",
        ["Communes:0:ConnectionString"] = "Host=a;Database=lezignan", ["Communes:0:Commune:Name"] = "Mairie de Lézignan-la-Cèbe",
        ["Communes:1:Id"] = "saint-pargoire", ["Communes:1:Hosts:0"] = "saint-pargoire.localhost",
        ["Communes:1:ConnectionString"] = "Host=b;Database=saint_pargoire", ["Communes:1:Commune:Name"] = "Mairie de Saint-Pargoire",
        ["ConnectionStrings:Platform"] = "Host=a;Database=plateforme",
    };

    [Fact]
    public void Todays_settings_are_one_commune_that_answers_on_any_host()
    {
        var directory = From(new() { ["ConnectionStrings:Portail"] = "Host=a", ["Commune:Name"] = "Mairie de Lézignan-la-Cèbe" });
        directory.Single.ShouldBeTrue();
        (directory.First.Id, directory.First.ConnectionString, directory.First.Commune.Name).ShouldBe(("commune", "Host=a", "Mairie de Lézignan-la-Cèbe"));
        directory.ForHost("portail.example.fr", development: false).ShouldBe(directory.First);
        directory.ForHost(null, development: false).ShouldBe(directory.First);
        // One commune: Wolverine's own tables stay in its database, as before several communes existed.
        directory.PlatformConnectionString.ShouldBe("Host=a");
        directory.Problems().ShouldBeEmpty();
    }

    [Fact]
    public void Several_communes_answer_on_their_own_host_names_whatever_the_case_and_port()
    {
        var directory = From(Two);
        directory.All.Select(c => (c.Id, c.Commune.Name)).ShouldBe([("lezignan", "Mairie de Lézignan-la-Cèbe"), ("saint-pargoire", "Mairie de Saint-Pargoire")]);
        directory.ForHost("Saint-Pargoire.localhost:5080", development: false)!.Id.ShouldBe("saint-pargoire");
        directory.ForHost("lezignan-la-cebe.portail-famille.fr", development: false)!.Id.ShouldBe("lezignan");
        directory.Problems().ShouldBeEmpty();
    }

    [Fact]
    public void A_host_that_names_no_commune_is_the_first_in_development_and_none_elsewhere()
    {
        var directory = From(Two);
        directory.ForHost("localhost:5080", development: true)!.Id.ShouldBe("lezignan");
        directory.ForHost("localhost:5080", development: false).ShouldBeNull();
        directory.ForHost("saint-pargoire.localhost.evil.fr", development: false).ShouldBeNull();
    }

    [Theory]
    [InlineData("Communes:1:Id", "Lezignan", "must be 1 to 40 lower-case")]
    [InlineData("Communes:1:Id", "lezignan", "used twice")]
    [InlineData("Communes:1:Hosts:0", "LEZIGNAN.localhost", "names two communes")]
    [InlineData("Communes:1:ConnectionString", "", "has no connection string")]
    [InlineData("Communes:1:ConnectionString", "Host=a;Database=lezignan;Username=other", "share one database")]
    [InlineData("ConnectionStrings:Platform", "", "need ConnectionStrings__Platform")]
    public void A_directory_an_operator_got_wrong_says_what_to_fix(string key, string value, string problem)
    {
        var settings = new Dictionary<string, string?>(Two) { [key] = value };
        From(settings).Problems().ShouldContain(p => p.Contains(problem));
    }
}

public class CommunePublicUrlTests
{
    [Fact]
    public void Each_commune_mails_its_links_on_its_own_host_unless_it_names_its_address()
    {
        var directory = new CommuneDirectory([
            new CommuneEntry { Id = "lezignan", Hosts = ["lezignan.localhost"], ConnectionString = "Host=a;Database=l" },
            new CommuneEntry { Id = "saint-pargoire", Hosts = ["saint-pargoire.localhost"], ConnectionString = "Host=a;Database=s",
                PublicUrl = "https://saint-pargoire.portail-famille.fr/" },
        ], "Host=a;Database=p");
        directory.SetPublicUrls("http://127.0.0.1:5080");
        directory.All.Select(c => c.PublicUrl).ShouldBe(["http://lezignan.localhost:5080", "https://saint-pargoire.portail-famille.fr"]);
    }
}

public class SaturationTests
{
    [Fact]
    public void A_database_out_of_connections_is_a_503_to_retry_and_other_database_errors_stay_500()
    {
        var tooMany = new Npgsql.PostgresException("sorry, too many clients already", "FATAL", "FATAL", Npgsql.PostgresErrorCodes.TooManyConnections);
        ProblemExceptionHandler.Classify(tooMany).Status.ShouldBe(503);
        ProblemExceptionHandler.Classify(new Npgsql.NpgsqlException("The connection pool has been exhausted, either raise 'Max Pool Size'"))
            .Status.ShouldBe(503);
        ProblemExceptionHandler.Classify(new InvalidOperationException("wrapped", tooMany)).Status.ShouldBe(503);
        ProblemExceptionHandler.Classify(new Npgsql.PostgresException("division by zero", "ERROR", "ERROR", "22012")).Status.ShouldBe(500);
    }
}
