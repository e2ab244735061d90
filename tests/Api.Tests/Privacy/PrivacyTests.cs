using System.Text.Json.Nodes;
using Alba;
using Marten;
using Marten.Events;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PortailFamille.Api.Infrastructure;
using PortailFamille.Api.Tests.Money;
using PortailFamille.Api.Tests.Support;

namespace PortailFamille.Api.Tests.Privacy;

public class PrivacyTests(AppFixture app) : MoneyTest(app)
{
    private const string LastName = "Durandeau", FirstName = "Gwendoline", Child = "Anatole", BirthDate = "2018-07-23", Phone = "06 11 22 33 44",
        Allocataire = "QZX98765", Email = "durandeau@famille.test";

    private static readonly string[] Personal = [LastName, FirstName, Child, BirthDate, Phone, Allocataire, Email, "Capucines", "Philomène", "repas-adapte",
        "panier-repas"];

    private sealed record Household(TestFamily Family, Guid ChildId, Guid InscriptionId, Guid InvoiceId);

    /// <summary>Every kind of record: the file, a child, bookings, a request, an invoice, an online payment, a staff look.</summary>
    private async Task<Household> AFamilyWithEverything()
    {
        await CreateActivity();
        var staff = await StaffToken();
        var created = await Post("/api/staff/families", new
        {
            civility = "Mme", firstName = FirstName, lastName = LastName, email = Email, phones = new { mobile1 = Phone },
            address = new { line1 = "7 impasse des Capucines", postalCode = "34120", city = "Lézignan-la-Cèbe" },
            allocataire = new { name = $"{FirstName} {LastName}", regime = "CAF", number = Allocataire }, quotientFamilial = 650, dependentChildren = 1,
        }, staff, 201);
        var familyId = Id(created, "familyId");
        await Post("/api/auth/activation", new { token = TokenIn(await MailTo(Email, "Activez")), password = ParentPassword }, null, 204);
        var family = new TestFamily(familyId, Email, await Login(Email, ParentPassword));
        var childId = Id(await Post($"/api/staff/families/{familyId}/children", new { firstName = Child, lastName = LastName, birthDate = BirthDate, sex = "M" },
            staff, 201), "childId");
        await Put($"/api/staff/families/{familyId}/children/{childId}/diet", new { diet = "sans-porc", pai = "repas-adapte" }, staff);
        var inscriptionId = await Enrol(childId);
        await Reserve(inscriptionId, family.Token, ("2026-10-05", "book"), ("2026-10-06", "book"));
        var requestId = Id(await Post("/api/requests", new { type = "new-person", firstName = "Philomène", lastName = LastName, birthDate = "2024-01-05", sex = "F" },
            family.Token, 201), "requestId");
        await Post($"/api/staff/requests/{requestId}/decision", new { decision = "accept" }, staff, 204);
        var dietRequest = Id(await Post("/api/requests", new { type = "child-change", childId, changes = new Dictionary<string, string> { ["pai"] = "panier-repas" } },
            family.Token, 201), "requestId");
        await Post($"/api/staff/requests/{dietRequest}/decision", new { decision = "accept" }, staff, 204);
        // The canteen's bus: the child gets on at a stop and rides on a booked day.
        await Post("/api/staff/shuttles", new
        {
            code = "NAVETTE-ECOLE", label = "Bus de l'école", from = "2026-09-01", to = "2027-07-02", weekdays = new[] { "monday", "tuesday" },
            directions = new[] { "ALLER" }, capacity = 10, stops = new[] { new { name = "Mairie", outbound = "08:10" } }, serves = new[] { "CANTINE" },
            bookingDeadline = new { daysBefore = 2, workingDays = true, at = "10:00" }, cancellationDeadline = new { daysBefore = 2, workingDays = true, at = "10:00" },
        }, staff, 201);
        var bus = Id(await Post($"/api/inscriptions/{inscriptionId}/shuttles", new { lineCode = "NAVETTE-ECOLE", stop = "Mairie" }, family.Token, 201), "inscriptionId");
        await Post($"/api/inscriptions/{bus}/reservations", new { changes = new[] { new { date = "2026-10-05", unit = "ALLER", action = "book" } } }, family.Token, 200);
        await Get($"/api/staff/families/{familyId}", staff);
        SetNow(AfterOctober);
        staff = await StaffToken();
        await Get("/api/staff/pai?date=2026-10-05", staff);
        var invoiceId = Id((await Invoice("2026-10", staff))[0], "invoiceId");
        var token = await Relogin(family);
        var payment = (await Post("/api/payments", new { items = new[] { new { invoiceId, amountCents = 500 } } }, token, 201))!;
        var idOp = System.Web.HttpUtility.ParseQueryString(new Uri(payment["redirectUrl"]!.GetValue<string>()).Query)["idop"]!;
        await Host.Scenario(s => { s.Post.Url($"/payfip-simulator/tpa/paiementws.web?idop={idOp}&result=P"); s.StatusCodeShouldBe(302); });
        await Host.DocumentStore().WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));
        return new Household(family with { Token = token }, childId, inscriptionId, invoiceId);
    }

    [Fact]
    public async Task The_export_holds_every_kind_of_record_of_the_family_and_nothing_of_another()
    {
        var home = await AFamilyWithEverything();
        var other = await EnrolledChild("Petit");
        await Reserve(other.InscriptionId, other.Family.Token, ("2026-10-08", "book"));
        await Get($"/api/staff/families/{home.Family.FamilyId}/export", await StaffToken());

        var export = (await Get("/api/family/export", home.Family.Token))!;
        export["family"]!["lastName"]!.GetValue<string>().ShouldBe(LastName);
        export["family"]!["children"]!.AsArray().Count.ShouldBe(2); // Anatole, and the person added by the accepted request
        export["familyHistory"]!.AsArray().Select(e => e!["type"]!.GetValue<string>()).ShouldContain("family-file-created");
        export["accounts"]![0]!["email"]!.GetValue<string>().ShouldBe(Email);
        var history = export["inscriptions"]!.AsArray().Single(i => i!["inscription"]!["activityCode"]!.GetValue<string>() == "CANTINE")!["history"]!.AsArray().Select(e => e!["type"]!.GetValue<string>()).ToList();
        history.ShouldContain("day-booked");
        history.ShouldContain("month-charged");
        history.ShouldContain("payment-allocated");
        export["requests"]!.AsArray().Count.ShouldBe(2); // the new person, the PAI
        export["inscriptions"]!.AsArray().Select(i => i!["inscription"]!["activityCode"]!.GetValue<string>()).Order().ShouldBe(["CANTINE", "NAVETTE-ECOLE"]);
        export["invoices"]!.AsArray().Count.ShouldBe(1);
        export["payments"]![0]!["status"]!.GetValue<string>().ShouldBe("paid");
        export["staffAccesses"]!.AsArray().Select(a => a!["what"]!.GetValue<string>())
            .ShouldBe(["fiche famille", "liste des PAI du 2026-10-05", "export des données"]);

        var text = export.ToJsonString();
        foreach (var foreign in new[] { other.Family.Email, other.Family.FamilyId.ToString(), other.InscriptionId.ToString(), "Petit" }) text.ShouldNotContain(foreign);
        (await Get($"/api/staff/families/{Guid.NewGuid()}/export", await StaffToken(), 404))!["detail"]!.GetValue<string>().ShouldContain("Aucune famille");
    }

    [Fact]
    public async Task After_erasure_nothing_personal_remains_anywhere_while_accounts_add_up_projections_rebuild_and_the_audit_replays()
    {
        var home = await AFamilyWithEverything();
        var dataSource = Host.Services.CommuneDataSource();
        var staff = await StaffToken();
        var auditBefore = (await Get($"/api/staff/audit/inscriptions/{home.InscriptionId}", staff))!["events"]!.AsArray()
            .Select(e => (e!["sequence"]!.GetValue<long>(), e["at"]!.GetValue<string>(), e["type"]!.GetValue<string>())).ToList();
        var invoiceBefore = (await Get($"/api/staff/invoices?familyId={home.Family.FamilyId}", staff))![0]!;

        // The register names every place the scenario's personal data went.
        var places = await PersonalDataScan.WhereAsync(dataSource, Personal);
        places.ShouldNotBeEmpty();
        var register = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root(), "docs", "data-protection.md"));
        places.Where(place => !register.Contains($"`{place.Split('.')[0]}`") || !register.Contains($"`{place.Split('.')[^1]}`"))
            .ShouldBeEmpty("the register (docs/data-protection.md) must name the table and the field of every place personal data went");

        await Post($"/api/staff/families/{home.Family.FamilyId}/erasure", new { reason = " " }, staff, 400);
        await Post($"/api/staff/families/{Guid.NewGuid()}/erasure", new { reason = "Inconnue" }, staff, 404);
        await Post($"/api/staff/families/{home.Family.FamilyId}/erasure", new { reason = "Demande" }, home.Family.Token, 403);
        (await PersonalDataScan.WhereAsync(dataSource, Personal)).ShouldNotBeEmpty(); // refused requests erased nothing
        // The reason staff type may name the family: it is free text, masked too.
        await Post($"/api/staff/families/{home.Family.FamilyId}/erasure", new { reason = $"Demande de {FirstName} {LastName}" }, staff, 204);
        await Post($"/api/staff/families/{home.Family.FamilyId}/erasure", new { reason = "Encore" }, staff, 409);

        (await PersonalDataScan.WhereAsync(dataSource, Personal)).ShouldBeEmpty();
        var invoiceAfter = (await Get($"/api/staff/invoices?familyId={home.Family.FamilyId}", staff))![0]!;
        foreach (var field in new[] { "number", "month", "amountCents", "paidCents", "balanceCents", "status" })
            invoiceAfter[field]!.ToJsonString().ShouldBe(invoiceBefore[field]!.ToJsonString());
        var auditAfter = (await Get($"/api/staff/audit/inscriptions/{home.InscriptionId}", staff))!["events"]!.AsArray()
            .Select(e => (e!["sequence"]!.GetValue<long>(), e["at"]!.GetValue<string>(), e["type"]!.GetValue<string>())).ToList();
        auditAfter.ShouldBe(auditBefore);
        await Post("/api/auth/login", new { email = Email, password = ParentPassword }, null, 401);

        await using var scratch = await ScratchDatabase.CreateAsync(dataSource);
        (await ProjectionCheck.DifferencesAsync(Host.DocumentStore(), AppFixture.TenantId, dataSource, scratch.ConnectionString, CancellationToken.None)).ShouldBeEmpty();
    }

    [Fact]
    public async Task The_daily_sweep_erases_a_family_three_years_after_its_last_inscription_ends_and_not_a_day_before()
    {
        await CreateActivity();
        var enrolled = await EnrolledChild("Durand"); // the canteen year ends on 2 July 2027
        var unused = await NewFamily("Petit"); // a file created on 14 September 2026 and never used
        var sweep = Host.Services.InCommune<Api.Privacy.RetentionSweep>();

        SetNow(NodaTime.Instant.FromUtc(2030, 7, 2, 10, 0));
        (await sweep.RunOnceAsync(CancellationToken.None)).ShouldBe(1);
        var staff = await StaffToken();
        (await Get($"/api/staff/families/{unused.FamilyId}", staff))!["lastName"]!.GetValue<string>().ShouldBe("[effacé]");
        (await Get($"/api/staff/families/{enrolled.Family.FamilyId}", staff))!["lastName"]!.GetValue<string>().ShouldBe("Durand");

        SetNow(NodaTime.Instant.FromUtc(2030, 7, 3, 10, 0));
        (await sweep.RunOnceAsync(CancellationToken.None)).ShouldBe(1);
        (await Get($"/api/staff/families/{enrolled.Family.FamilyId}", await StaffToken()))!["lastName"]!.GetValue<string>().ShouldBe("[effacé]");
        (await sweep.RunOnceAsync(CancellationToken.None)).ShouldBe(0); // an erased file is not erased again
    }

    [Fact]
    public async Task An_erasure_that_stopped_after_its_first_step_is_finished_by_the_next_sweep_or_by_asking_again()
    {
        var home = await AFamilyWithEverything();
        var dataSource = Host.Services.CommuneDataSource();
        // What the first transaction of an erasure records, and then the process dies.
        await using (var session = Host.DocumentStore().LightweightSession(AppFixture.TenantId))
        {
            session.Events.Append(home.Family.FamilyId, new Domain.Families.FamilyErased(home.Family.FamilyId, $"Demande de {LastName}",
                Domain.Common.Actor.System, App.Clock.GetCurrentInstant()));
            await session.SaveChangesAsync();
        }
        (await PersonalDataScan.WhereAsync(dataSource, Personal)).ShouldNotBeEmpty();

        (await Host.Services.InCommune<Api.Privacy.RetentionSweep>().RunOnceAsync(CancellationToken.None)).ShouldBe(1);
        (await PersonalDataScan.WhereAsync(dataSource, Personal)).ShouldBeEmpty();
        await Get("/api/family", home.Family.Token, 401);
        await Post($"/api/staff/families/{home.Family.FamilyId}/erasure", new { reason = "Encore" }, await StaffToken(), 409);
        (await Host.Services.InCommune<Api.Privacy.RetentionSweep>().RunOnceAsync(CancellationToken.None)).ShouldBe(0);
    }

    [Fact]
    public async Task Asking_again_finishes_an_erasure_that_stopped_half_way()
    {
        var home = await AFamilyWithEverything();
        await using (var session = Host.DocumentStore().LightweightSession(AppFixture.TenantId))
        {
            session.Events.Append(home.Family.FamilyId, new Domain.Families.FamilyErased(home.Family.FamilyId, "Demande",
                Domain.Common.Actor.System, App.Clock.GetCurrentInstant()));
            await session.SaveChangesAsync();
        }
        await Post($"/api/staff/families/{home.Family.FamilyId}/erasure", new { reason = "Reprise" }, await StaffToken(), 204);
        (await PersonalDataScan.WhereAsync(Host.Services.CommuneDataSource(), Personal)).ShouldBeEmpty();
        await Post($"/api/staff/families/{home.Family.FamilyId}/erasure", new { reason = "Encore" }, await StaffToken(), 409);
    }
}
