using System.Text.Json.Nodes;
using Alba;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PortailFamille.Api.Infrastructure;
using PortailFamille.Api.Tests.Support;

namespace PortailFamille.Api.Tests.Plumbing;

/// <summary>
/// Two communes in one deployment, each in its own database: each answers on its own host name with its own settings,
/// logins and data; nothing of one is reachable, or even stored, in the other.
/// </summary>
public class CommuneIsolationTests(AppFixture app) : ApiTest(app)
{
    private IAlbaHost? _two;

    protected override IAlbaHost Host => _two ?? throw new InvalidOperationException("The two-commune host did not start.");

    protected override string TenantId => HostName == AppFixture.SaintPargoireHost ? AppFixture.SaintPargoire : AppFixture.Lezignan;

    public override async Task InitializeAsync()
    {
        _two = await App.TwoCommunesAsync();
        await App.ResetTwoCommunesAsync();
        HostName = AppFixture.LezignanHost;
    }

    private void InLezignan() => HostName = AppFixture.LezignanHost;

    private void InSaintPargoire() => HostName = AppFixture.SaintPargoireHost;

    [Fact]
    public async Task Each_commune_answers_on_its_host_with_its_own_settings_health_and_logins()
    {
        (await Get("/api/commune", null))!["contact"]!["name"]!.GetValue<string>().ShouldBe("Mairie de Lézignan-la-Cèbe");
        (await Get("/health", null))!["commune"]!.GetValue<string>().ShouldBe(AppFixture.Lezignan);
        var family = await NewFamily("Mas");

        InSaintPargoire();
        var commune = (await Get("/api/commune", null))!;
        commune["contact"]!["name"]!.GetValue<string>().ShouldBe("Mairie de Saint-Pargoire");
        commune["regieName"]!.GetValue<string>().ShouldBe("Régie périscolaire de Saint-Pargoire");
        (await Get("/health", null))!["commune"]!.GetValue<string>().ShouldBe(AppFixture.SaintPargoire);
        // Lézignan's parent has no login in Saint-Pargoire; each commune's staff has its own.
        await Post("/api/auth/login", new { email = family.Email, password = ParentPassword }, null, 401);
        (await Get("/api/staff/families", await StaffToken()))!.ToJsonString().ShouldNotContain(family.FamilyId.ToString());
    }

    [Fact]
    public async Task A_commune_s_links_and_mails_name_its_own_portal()
    {
        InSaintPargoire();
        var email = "parent.pargoire@famille.test";
        await Post("/api/staff/families", FamilyBody("Vidal", email), await StaffToken(), 201);
        var mail = await MailTo(email, "Activez");
        mail.From.Mailboxes.Single().ToString().ShouldBe("\"Mairie de Saint-Pargoire\" <portail@saint-pargoire.test>");
        var text = mail.TextBody ?? "";
        text.ShouldContain($"{AppFixture.SaintPargoireHost}/activation?token=");
        text.ShouldContain("Saint-Pargoire");
        text.ShouldNotContain("Lézignan");
    }

    [Fact]
    public async Task Every_operation_with_a_token_of_one_commune_is_401_on_the_other_and_its_ids_are_404_there()
    {
        var (tokens, ids, secrets, _) = await MatrixWorld();
        // The shipped school holidays have the same ids in every commune: a closure of Lézignan's own is what Saint-Pargoire must not find.
        var closure = await Post("/api/staff/calendar/closures", new { from = "2026-11-20", to = "2026-11-20", reason = "closure", label = "Fête locale" },
            tokens.Staff, 201);
        ids = ids with { PeriodId = Id(closure, "periodId") };
        InSaintPargoire();
        // Saint-Pargoire's own world: its staff, and a family of its own whose parent asks for Lézignan's resources.
        var staff = await StaffToken();
        var parent = await NewFamily("Roux");

        var failures = new List<string>();
        foreach (var op in OperationCatalog.All)
        {
            foreach (var (role, token) in new[] { ("staff", tokens.Staff), ("kitchen", tokens.Kitchen), ("driver", tokens.Driver), ("parent", tokens.Owner) })
            {
                var (status, _) = await AccessMatrix.SendAsync(Host, op, ids, token, hostName: AppFixture.SaintPargoireHost);
                if (op.Access == Access.Public ? status >= 500 : status != 401)
                    failures.Add($"{op.Key} with Lézignan's {role} token on Saint-Pargoire: {status}, expected {(op.Access == Access.Public ? "no 5xx" : "401")}");
            }
            if (!NamesAResource(op)) continue;
            var own = op.Access == Access.ParentOwned ? parent.Token : staff;
            var (answer, body) = await AccessMatrix.SendAsync(Host, op, ids, own, hostName: AppFixture.SaintPargoireHost);
            if (answer != 404) failures.Add($"{op.Key} with Lézignan's ids on Saint-Pargoire: {answer}, expected 404");
            if (secrets.FirstOrDefault(body.Contains) is { } secret) failures.Add($"{op.Key} on Saint-Pargoire shows Lézignan's {secret}");
        }
        failures.ShouldBeEmpty();

        // And Lézignan still has them: the 404s were the commune boundary, not missing data.
        InLezignan();
        (await Get($"/api/staff/families/{ids.FamilyId}", tokens.Staff))!["familyId"]!.GetValue<string>().ShouldBe(ids.FamilyId.ToString());
    }

    /// <summary>An operation on one resource named by an id in its path (a code or a year names nothing of a family).</summary>
    private static bool NamesAResource(OperationSpec op) =>
        op.Path.Contains('{') && op.Path.Replace("{code}", "").Replace("{year}", "").Contains('{') && op.Access != Access.Public;

    [Fact]
    public async Task Saint_Pargoire_s_database_holds_none_of_Lezignan_s_values_after_a_busy_day_there()
    {
        await CreateActivity();
        var owner = await EnrolledChild("Témoin-Lézignanais");
        await Reserve(owner.InscriptionId, owner.Family.Token, ("2026-10-05", "book"), ("2026-10-06", "book"));
        await Post("/api/requests", new { type = "attestation-fiscale", year = 2026 }, owner.Family.Token, 201);
        InSaintPargoire();
        await CreateActivity();
        var neighbour = await EnrolledChild("Pargoirien");

        var values = new[] { owner.Family.Email, "Témoin-Lézignanais", owner.Family.FamilyId.ToString(), owner.InscriptionId.ToString(), owner.ChildId.ToString() };
        var databases = Host.Services.GetRequiredService<CommuneDatabases>();
        var found = await ValuesFoundAsync(databases.For(AppFixture.SaintPargoire), values);
        found.ShouldBeEmpty();
        // The scan does find values where they are: Saint-Pargoire's own family in its own database.
        (await ValuesFoundAsync(databases.For(AppFixture.SaintPargoire), [neighbour.Family.Email])).ShouldNotBeEmpty();
        (await ValuesFoundAsync(databases.For(AppFixture.Lezignan), values)).Count.ShouldBe(values.Length);
        // Nor does the platform database (Wolverine's nodes): a commune's messages stay in the commune's database.
        (await ValuesFoundAsync(databases.Platform, values)).ShouldBeEmpty();
    }

    /// <summary>Which of the values appear anywhere in the database: every row of every table, as text.</summary>
    private static async Task<List<string>> ValuesFoundAsync(NpgsqlDataSource database, IReadOnlyList<string> values)
    {
        var tables = new List<string>();
        await using (var list = database.CreateCommand(
            "select quote_ident(table_schema) || '.' || quote_ident(table_name) from information_schema.tables " +
            "where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')"))
        await using (var reader = await list.ExecuteReaderAsync())
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        var found = new List<string>();
        foreach (var value in values)
        foreach (var table in tables)
        {
            // Bodies stored as bytes (messages) are read as UTF-8 text too.
            await using var command = database.CreateCommand(
                $"select exists (select 1 from {table} t where convert_from(convert_to(t::text, 'UTF8'), 'UTF8') like @v " +
                $"or encode(convert_to(t::text, 'UTF8'), 'escape') like @v)");
            command.Parameters.AddWithValue("v", $"%{value}%");
            if (!(bool)(await command.ExecuteScalarAsync())!) continue;
            found.Add($"{value} in {table}");
            break;
        }
        return found;
    }

    [Fact]
    public async Task Opening_day_in_both_communes_at_once_fills_each_canteen_to_its_own_capacity()
    {
        // The same activity code, the same ids' shapes, two capacities: each commune's seat guard counts its own.
        await Post("/api/staff/activities", ActivityBody(primaire: 2), await StaffToken(), 201);
        var lezignan = new List<Enrolled>();
        for (var i = 0; i < 6; i++) lezignan.Add(await EnrolledChild($"Ouverture-L{i}"));
        InSaintPargoire();
        await Post("/api/staff/activities", ActivityBody(primaire: 3), await StaffToken(), 201);
        var pargoire = new List<Enrolled>();
        for (var i = 0; i < 6; i++) pargoire.Add(await EnrolledChild($"Ouverture-P{i}"));

        var rush = lezignan.Select(c => Book(c, AppFixture.LezignanHost)).Concat(pargoire.Select(c => Book(c, AppFixture.SaintPargoireHost)));
        var outcomes = await Task.WhenAll(rush);
        outcomes.Take(6).Count(o => o == "booked").ShouldBe(2);
        outcomes.Skip(6).Count(o => o == "booked").ShouldBe(3);
        outcomes.Count(o => o == "waitlisted").ShouldBe(7);
        foreach (var commune in new[] { AppFixture.Lezignan, AppFixture.SaintPargoire })
            (await Api.Bookings.SeatLedgerCheck.DifferencesAsync(Host.DocumentStore(), commune, Host.Services.GetRequiredService<CommuneDatabases>().For(commune)))
                .ShouldBeEmpty();
    }

    private async Task<string> Book(Enrolled child, string host)
    {
        var result = await Host.Scenario(s =>
        {
            s.Post.Json(Changes(("2026-10-05", "book"))).ToUrl($"/api/inscriptions/{child.InscriptionId}/reservations");
            s.ConfigureHttpContext(c => c.Request.Host = new Microsoft.AspNetCore.Http.HostString(host));
            s.WithBearerToken(child.Family.Token);
            s.StatusCodeShouldBe(200);
        });
        return JsonNode.Parse(await result.ReadAsTextAsync())!["results"]![0]!["outcome"]!.GetValue<string>();
    }
}
