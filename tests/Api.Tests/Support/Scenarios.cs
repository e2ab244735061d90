using Alba;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;
using Marten;
namespace PortailFamille.Api.Tests.Support;

public sealed record TestFamily(Guid FamilyId, string Email, string Token);

public abstract partial class ApiTest
{
    protected const string ParentPassword = "Parent-Portail-2026!";

    public static object FamilyBodyFor(string lastName) => FamilyBody(lastName);

    public static object ActivityBodyFor(string code) => ActivityBody(code);

    protected static object FamilyBody(string lastName = "Durand", string? email = null, int quotientFamilial = 650) => new
    {
        civility = "Mme",
        firstName = "Claire",
        lastName,
        address = new { line1 = "12 rue des Oliviers", postalCode = "34120", city = "Lézignan-la-Cèbe" },
        email = email ?? $"{lastName.ToLowerInvariant()}@famille.test",
        phones = new { mobile1 = "06 12 34 56 78" },
        allocataire = new { name = $"Claire {lastName}", regime = "CAF", number = "1234567" },
        quotientFamilial,
        dependentChildren = 2,
    };

    /// <summary>A family file created by staff, its account activated from the e-mailed link, and the parent logged in.</summary>
    protected async Task<TestFamily> NewFamily(string lastName = "Durand", int quotientFamilial = 650)
    {
        var email = $"{lastName.ToLowerInvariant()}@famille.test";
        var created = await Post("/api/staff/families", FamilyBody(lastName, email, quotientFamilial), await StaffToken(), 201);
        var mail = await MailTo(email, "Activez");
        await Post("/api/auth/activation", new { token = TokenIn(mail), password = ParentPassword }, null, 204);
        return new TestFamily(Id(created, "familyId"), email, await Login(email, ParentPassword));
    }

    /// <summary>A kitchen login created by staff and activated from its e-mailed link.</summary>
    protected const string KitchenPassword = "Cuisine-Mairie-2026!";

    protected async Task<string> KitchenToken()
    {
        await Post("/api/staff/accounts", new { email = "cuisine@mairie.test", role = "kitchen" }, await StaffToken(), 201);
        await Post("/api/auth/activation", new { token = TokenIn(await MailTo("cuisine@mairie.test", "Activez")), password = KitchenPassword }, null, 204);
        return await Login("cuisine@mairie.test", KitchenPassword);
    }

    /// <summary>A shuttle driver's login created by staff and activated from its e-mailed link.</summary>
    protected const string DriverPassword = "Chauffeur-Navette-2026!";

    protected async Task<string> DriverToken()
    {
        await Post("/api/staff/accounts", new { email = "chauffeur@mairie.test", role = "driver" }, await StaffToken(), 201);
        await Post("/api/auth/activation", new { token = TokenIn(await MailTo("chauffeur@mairie.test", "Activez")), password = DriverPassword }, null, 204);
        return await Login("chauffeur@mairie.test", DriverPassword);
    }

    protected async Task<Guid> AddChild(Guid familyId, string firstName = "Léo", string birthDate = "2019-03-14", string sex = "M") =>
        Id(await Post($"/api/staff/families/{familyId}/children", new { firstName, lastName = "Durand", birthDate, sex }, await StaffToken(), 201), "childId");

    protected static object ActivityBody(string code = "CANTINE", string validation = "automatic", int maternelle = 35, int primaire = 64) => new
    {
        code,
        label = $"{code} 2026-2027",
        equipment = "ACCUEIL PERISCOLAIRE",
        from = "2026-09-01",
        to = "2027-07-02",
        weekdays = new[] { "monday", "tuesday", "thursday", "friday" },
        units = new[] { "REPAS" },
        mealUnits = new[] { "REPAS" },
        groups = new object[]
        {
            new { code = "MATERNELLE", capacity = new Dictionary<string, int> { ["REPAS"] = maternelle } },
            new { code = "PRIMAIRE", capacity = new Dictionary<string, int> { ["REPAS"] = primaire } },
        },
        bookingDeadline = new { daysBefore = 2, workingDays = true, at = "10:00" },
        cancellationDeadline = new { daysBefore = 2, workingDays = true, at = "10:00" },
        validation,
        tariffs = new object[]
        {
            new { fromQf = 0, toQf = 500, priceCents = new Dictionary<string, int> { ["REPAS"] = 100 } },
            new { fromQf = 500, toQf = 900, priceCents = new Dictionary<string, int> { ["REPAS"] = 250 } },
            new { fromQf = 900, priceCents = new Dictionary<string, int> { ["REPAS"] = 380 } },
        },
    };

    /// <summary>An activity body running on other weekdays (a Wednesday activity).</summary>
    protected static Dictionary<string, object?> WithWeekdays(object body, params string[] weekdays)
    {
        var dict = body.GetType().GetProperties().ToDictionary(p => p.Name, p => p.GetValue(body));
        dict["weekdays"] = weekdays;
        return dict;
    }

    protected async Task CreateActivity(string code = "CANTINE", string validation = "automatic") =>
        await Post("/api/staff/activities", ActivityBody(code, validation), await StaffToken(), 201);

    /// <summary>Another API process on the same database and clock (no projection daemon, no outside transport): what a
    /// second node of the commune's deployment is, for the tests that prove the seat guard holds across processes.</summary>
    protected async Task<IAlbaHost> SecondApiProcess() => await AlbaHost.For<Program>(builder =>
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Portail", Environment.GetEnvironmentVariable("ConnectionStrings__Portail"));
        builder.UseSetting("Projections:Daemon", "Disabled");
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<NodaTime.IClock>(App.Clock);
            services.DisableAllExternalWolverineTransports();
        });
    });

    /// <summary>A bus serving the canteen (Mondays and Tuesdays, aller, stop "École"), for the catalog's shuttle routes.</summary>
    public const string ShuttleLine = "NAVETTE-ECOLE";

    /// <summary>The child joins <see cref="ShuttleLine"/> (created the first time) from its canteen inscription.</summary>
    protected async Task<Guid> OnTheBus(Enrolled child)
    {
        var staff = await StaffToken();
        var activities = (await Get("/api/activities", staff))!.AsArray();
        if (!activities.Any(a => a!["code"]!.GetValue<string>() == ShuttleLine))
            await Post("/api/staff/shuttles", new
            {
                code = ShuttleLine, label = "Bus de l'école", from = "2026-09-01", to = "2027-07-02", weekdays = new[] { "monday", "tuesday" },
                directions = new[] { "ALLER" }, capacity = 10, stops = new[] { new { name = "École", outbound = "08:10" } }, serves = new[] { "CANTINE" },
                bookingDeadline = new { daysBefore = 2, workingDays = true, at = "10:00" }, cancellationDeadline = new { daysBefore = 2, workingDays = true, at = "10:00" },
            }, staff, 201);
        return Id(await Post($"/api/inscriptions/{child.InscriptionId}/shuttles", new { lineCode = ShuttleLine, stop = "École" }, child.Family.Token, 201), "inscriptionId");
    }

    protected async Task<Guid> Enrol(Guid childId, string activityCode = "CANTINE", string group = "PRIMAIRE") =>
        Id(await Post("/api/staff/inscriptions", new { childId, activityCode, group }, await StaffToken(), 201), "inscriptionId");
}

public abstract partial class ApiTest
{
    protected sealed record Enrolled(TestFamily Family, Guid ChildId, Guid InscriptionId);

    /// <summary>A family with one child enrolled in the activity (created if needed).</summary>
    protected async Task<Enrolled> EnrolledChild(string lastName = "Durand", string activityCode = "CANTINE", string group = "PRIMAIRE")
    {
        var family = await NewFamily(lastName);
        var childId = await AddChild(family.FamilyId, "Léo");
        return new Enrolled(family, childId, await Enrol(childId, activityCode, group));
    }

    protected static object Changes(params (string Date, string Action)[] changes) =>
        new { changes = changes.Select(c => new { date = c.Date, unit = "REPAS", action = c.Action }).ToArray() };

    protected async Task<IReadOnlyList<PortailFamille.Api.Bookings.ReservationResult>> Reserve(Guid inscriptionId, string token, params (string Date, string Action)[] changes) =>
        (await Post<PortailFamille.Api.Bookings.ReservationResults>($"/api/inscriptions/{inscriptionId}/reservations", Changes(changes), token, 200)).Results;

    protected async Task<Projections.Planning.PlanningMonth> Planning(Guid inscriptionId, string token, string month) =>
        await Get<Projections.Planning.PlanningMonth>($"/api/inscriptions/{inscriptionId}/planning?month={month}", token);

    protected async Task<Domain.Bookings.CellState> StateOn(Guid inscriptionId, string token, string date, string unit = "REPAS") =>
        (await Planning(inscriptionId, token, date[..7])).Days.Single(d => d.Date == NodaTime.Text.LocalDatePattern.Iso.Parse(date).Value).Cells[unit].State;
}

public abstract partial class ApiTest
{
    /// <summary>A one-line September invoice for the child, appended straight to the store, for tests that need an
    /// invoice id without living through a month (the money tests invoice real bookings).</summary>
    protected async Task<Guid> SeedInvoice(Enrolled child, int amountCents = 1000, string number = "2026-000999")
    {
        var invoiceId = Guid.NewGuid();
        var day = new NodaTime.LocalDate(2026, 9, 17);
        var line = new Domain.Money.ChargeLine(child.InscriptionId, child.ChildId, "Léo Durand", "CANTINE", "CANTINE 2026-2027", "REPAS", 650,
            amountCents, [day], amountCents);
        var at = App.Clock.GetCurrentInstant();
        await GivenEvents(invoiceId, new Domain.Money.InvoiceIssued(invoiceId, child.Family.FamilyId, number,
            "2026-09", day, new Domain.Money.Addressee("Mme Claire Durand", "12 rue des Oliviers", null, "34120", "Lézignan-la-Cèbe"), [line],
            amountCents, Domain.Common.Actor.System, at));
        await GivenEvents(child.InscriptionId, new Domain.Money.MonthCharged(child.InscriptionId, invoiceId, number, "2026-09", [line],
            amountCents, Domain.Common.Actor.System, at));
        return invoiceId;
    }

    /// <summary>A starting state written straight to the event store, as the events the portal itself records (its inline
    /// projections follow): for a state no route produces, or to skip a long scenario. Not for booked days: the desk's
    /// seat rows are not events, so they would not follow.</summary>
    protected async Task GivenEvents(Guid streamId, params object[] events)
    {
        await using var session = Host.DocumentStore().LightweightSession(TenantId);
        session.Events.Append(streamId, events);
        await session.SaveChangesAsync();
    }

    /// <summary>Family A (owner) with an inscription, family B (another family), a kitchen login, a driver's login.</summary>
    protected async Task<(MatrixTokens Tokens, CatalogIds Ids, string[] Secrets, Func<Task<MatrixTokens>> LogInAgain)> MatrixWorld()
    {
        await CreateActivity();
        await CreateActivity("GARDERIE");
        var owner = await EnrolledChild("Durand");
        var other = await NewFamily("Petit");
        var staff = await StaffToken();
        var kitchen = await KitchenToken();
        var driver = await DriverToken();
        var periodId = Guid.Parse((await Get("/api/staff/calendar/periods", staff))![0]!["periodId"]!.GetValue<string>());
        var requestId = Id(await Post("/api/requests", new { type = "attestation-fiscale", year = 2026 }, owner.Family.Token, 201), "requestId");
        var invoiceId = await SeedInvoice(owner);
        var paymentId = Id(await Post("/api/payments", new { items = new[] { new { invoiceId, amountCents = 1000 } } }, owner.Family.Token, 201), "paymentId");
        // The account staff deactivate and reactivate is none of the callers'.
        var accountId = Id(await Post("/api/staff/accounts", new { email = "cible@mairie.test", role = "kitchen" }, staff, 201), "accountId");
        var bus = await OnTheBus(owner);
        return (new MatrixTokens(staff, kitchen, owner.Family.Token, other.Token, driver),
            new CatalogIds(owner.Family.FamilyId, owner.ChildId, owner.InscriptionId, periodId, requestId, invoiceId, paymentId, accountId, bus),
            [owner.Family.FamilyId.ToString(), owner.InscriptionId.ToString(), owner.ChildId.ToString(), owner.Family.Email],
            // The callers' sessions ended (logout, password change): every token is asked again.
            async () => new MatrixTokens(await FreshStaffToken(), await Login("cuisine@mairie.test", KitchenPassword),
                await OwnerLogsInAgain(owner.Family.FamilyId), await Login(other.Email, ParentPassword), await Login("chauffeur@mairie.test", DriverPassword)));
    }

    private bool _ownerActivatedAgain;

    /// <summary>After the catalog's e-mail change, the owner activates the account again from the new address
    /// (the family file says where it lives now; the activation mail may still be on its way).</summary>
    private async Task<string> OwnerLogsInAgain(Guid familyId)
    {
        var email = (await Get($"/api/staff/families/{familyId}", await StaffToken()))!["email"]!.GetValue<string>();
        if (email == "matrice-nouvelle@famille.test" && !_ownerActivatedAgain)
        {
            var activation = TokenIn(await MailTo(email, "Activez"));
            await Call(HttpMethod.Post, "/api/auth/activation", new { token = activation, password = ParentPassword }, null, 204);
            _ownerActivatedAgain = true;
        }
        return await Login(email, ParentPassword);
    }
}
