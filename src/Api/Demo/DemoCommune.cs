using PortailFamille.Api.Infrastructure;
using Marten;
using NodaTime;
using PortailFamille.Api.Accounts;
using PortailFamille.Domain.Accounts;
using PortailFamille.Domain.Activities;
using PortailFamille.Domain.Shuttles;
using PortailFamille.Domain.Calendar;
using PortailFamille.Domain.Common;
using PortailFamille.Domain.Families;
using PortailFamille.Domain.Inscriptions;

namespace PortailFamille.Api.Demo;

/// <summary>
/// The demo commune of API.md's "Demo data": its activities for the 2026-2027 school year, a staff and a
/// kitchen login, and two activated families. Loaded idempotently: fixed ids, nothing created twice.
/// </summary>
public sealed class DemoCommune(IDocumentStore store, CommuneContext commune, IClock clock, ILogger<DemoCommune> logger)
{
    public const string Password = "Demo-Portail-2026!";
    public const string StaffEmail = "accueil.mairie@demo.portail-famille.fr";
    public const string KitchenEmail = "cuisine@demo.portail-famille.fr";
    public const string MartinEmail = "famille.martin@demo.portail-famille.fr";
    public const string GarciaEmail = "famille.garcia@demo.portail-famille.fr";

    private static readonly LocalDate YearStart = new(2026, 9, 1);
    private static readonly LocalDate YearEnd = new(2027, 7, 2);
    private static readonly IsoDayOfWeek[] SchoolDays = [IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday];

    public async Task SeedAsync(CancellationToken cancellation)
    {
        await using var session = store.LightweightSession(commune.TenantId);
        var now = clock.GetCurrentInstant();
        // The families live in the commune being seeded ("…, 34230 Saint-Pargoire" gives its postcode and town).
        var town = System.Text.RegularExpressions.Regex.Match(commune.Entry.Commune.Address, @"(\d{5})\s+(.+)$") is { Success: true } m
            ? (m.Groups[1].Value, m.Groups[2].Value.Trim()) : ("34120", "Lézignan-la-Cèbe");
        foreach (var activity in Activities(now))
            if (await session.Events.FetchStreamStateAsync(activity.ActivityId, cancellation) is null)
            {
                session.Events.StartStream<Activity>(activity.ActivityId, activity);
                Bookings.SeatLedgerStore.QueueSeatsFor(session, activity);
            }

        await EnsureAccountAsync(session, StaffEmail, Roles.Staff, null, now, cancellation);
        await EnsureAccountAsync(session, KitchenEmail, Roles.Kitchen, null, now, cancellation);
        await EnsureFamilyAsync(session, Martin(now, town), MartinEmail, now, cancellation,
            ("Léo", new LocalDate(2019, 3, 14), "M", "PRIMAIRE", ["CANTINE", "GARDERIE", "TAP1"]),
            ("Emma", new LocalDate(2022, 6, 2), "F", "MATERNELLE", ["CANTINE", "MERCREDI"]));
        await EnsureFamilyAsync(session, Garcia(now, town), GarciaEmail, now, cancellation,
            ("Inès", new LocalDate(2020, 11, 20), "F", "PRIMAIRE", ["CANTINE", "GARDERIE", "MERCREDI"]));
        await session.SaveChangesAsync(cancellation);
        logger.LogInformation("Demo commune {Commune} ready", commune.Id);
    }

    private static FamilyFileCreated Martin(Instant now, (string Postcode, string Town) town) => new(
        StableId.For("demo-family", "martin"), "Mme", "Claire", "Martin",
        new Address("12 rue des Oliviers", town.Postcode, town.Town), MartinEmail,
        new Phones(null, "06 12 34 56 78", null, null, null), new Allocataire("Claire Martin", "CAF", "1234567"),
        650, YearStart.PlusDays(-10), 2, Actor.System, now);

    private static FamilyFileCreated Garcia(Instant now, (string Postcode, string Town) town) => new(
        StableId.For("demo-family", "garcia"), "M", "Antoine", "Garcia",
        new Address("3 chemin du Moulin", town.Postcode, town.Town, "Résidence Les Pins"), GarciaEmail,
        new Phones("04 67 00 00 00", "07 98 76 54 32", null, null, null), new Allocataire("Antoine Garcia", "MSA", "7654321"),
        420, YearStart.PlusDays(-10), 1, Actor.System, now);

    private async Task EnsureFamilyAsync(IDocumentSession session, FamilyFileCreated file, string email, Instant now,
        CancellationToken cancellation, params (string FirstName, LocalDate BirthDate, string Sex, string Group, string[] Activities)[] children)
    {
        if (await session.Events.FetchStreamStateAsync(file.FamilyId, cancellation) is not null) return;
        var events = new List<object> { file };
        foreach (var child in children)
        {
            var childId = StableId.For("demo-child", $"{file.FamilyId}:{child.FirstName}");
            events.Add(new ChildAdded(file.FamilyId, childId, child.FirstName, file.LastName, child.BirthDate, child.Sex, Actor.System, now));
            foreach (var code in child.Activities)
            {
                var activity = Activities(now).Single(a => a.Code == code);
                var inscriptionId = StableId.For("demo-inscription", $"{childId}:{code}");
                session.Events.StartStream<Inscription>(inscriptionId, new InscriptionOpened(inscriptionId, file.FamilyId, childId,
                    code, child.Group, activity.From, activity.To, Actor.System, now));
            }
        }
        session.Events.StartStream<Family>(file.FamilyId, events.ToArray());
        await EnsureAccountAsync(session, email, Roles.Parent, file.FamilyId, now, cancellation);
    }

    private static async Task EnsureAccountAsync(IDocumentSession session, string email, string role, Guid? familyId, Instant now,
        CancellationToken cancellation)
    {
        if (await AccountService.FindByEmailAsync(session, email, cancellation) is not null) return;
        var account = new Account { Id = StableId.For("demo-account", email), Email = email, Role = role, FamilyId = familyId, Active = true, CreatedAt = now };
        account.PasswordHash = AccountService.Hasher.HashPassword(account, Password);
        session.Store(account);
    }

    private static IReadOnlyList<ActivityCreated> Activities(Instant now)
    {
        var twoWorkingDays = new Deadline(2, true, new LocalTime(10, 0));
        var oneWorkingDay = new Deadline(1, true, new LocalTime(18, 0));
        var weekBefore = new Deadline(7, false, new LocalTime(12, 0));
        static IReadOnlyList<TariffBracket> Tariffs(params (string Unit, int Low, int Mid, int High)[] prices) =>
        [
            new(0, 500, prices.ToDictionary(p => p.Unit, p => p.Low)),
            new(500, 900, prices.ToDictionary(p => p.Unit, p => p.Mid)),
            new(900, null, prices.ToDictionary(p => p.Unit, p => p.High)),
        ];
        static IReadOnlyList<GroupCapacity> Groups(string[] units, int maternelle, int primaire) =>
        [
            new("MATERNELLE", units.ToDictionary(u => u, _ => maternelle)),
            new("PRIMAIRE", units.ToDictionary(u => u, _ => primaire)),
        ];
        ActivityCreated Make(string code, string label, LocalDate to, IsoDayOfWeek[] days, string[] units, string[] meals,
            IReadOnlyList<GroupCapacity> groups, Deadline deadline, string validation, IReadOnlyList<TariffBracket> tariffs) =>
            new(Activity.StreamIdFor(code), code, label, "ACCUEIL PERISCOLAIRE", YearStart, to, days, units, meals, groups,
                deadline, deadline, validation, tariffs, Actor.System, now);

        return
        [
            Make("CANTINE", "CANTINE 2026-2027", YearEnd, SchoolDays, ["REPAS"], ["REPAS"], Groups(["REPAS"], 35, 64),
                twoWorkingDays, ValidationModes.Automatic, Tariffs(("REPAS", 100, 250, 380))),
            Make("GARDERIE", "GARDERIE 2026-2027", YearEnd, SchoolDays, ["MATIN", "SOIR"], [], Groups(["MATIN", "SOIR"], 20, 40),
                oneWorkingDay, ValidationModes.Automatic, Tariffs(("MATIN", 80, 120, 160), ("SOIR", 120, 180, 240))),
            Make("MERCREDI", "MERCREDI 2026-2027", YearEnd, [IsoDayOfWeek.Wednesday], ["MATIN", "REPAS", "APRES_MIDI"], ["REPAS"],
                Groups(["MATIN", "REPAS", "APRES_MIDI"], 24, 36), weekBefore, ValidationModes.Manual,
                Tariffs(("MATIN", 300, 500, 700), ("REPAS", 100, 250, 380), ("APRES_MIDI", 300, 500, 700))),
            Make("TAP1", "TAP 2026-2027 TRIM 1", new LocalDate(2026, 12, 18), [IsoDayOfWeek.Tuesday, IsoDayOfWeek.Friday], ["TAP"], [],
                Groups(["TAP"], 30, 60), twoWorkingDays, ValidationModes.Automatic, Tariffs(("TAP", 0, 0, 0))),
            // The Wednesday noon bus from the school to the centre: a free line serving the Wednesdays.
            new(Activity.StreamIdFor("NAVETTE-MERCREDI"), "NAVETTE-MERCREDI", "Navette du mercredi midi", "NAVETTE", YearStart, YearEnd,
                [IsoDayOfWeek.Wednesday], [ShuttleDirections.Outbound], [],
                [new GroupCapacity(ShuttleDirections.Group, new Dictionary<string, int> { [ShuttleDirections.Outbound] = 30 })],
                weekBefore, weekBefore, ValidationModes.Automatic, Tariffs((ShuttleDirections.Outbound, 0, 0, 0)), Actor.System, now,
                new ShuttleRoute([new ShuttleStop("École Jean Moulin", new LocalTime(11, 45), null), new ShuttleStop("École du Pic", new LocalTime(11, 55), null),
                    new ShuttleStop("Centre de loisirs", new LocalTime(12, 10), null)], ["MERCREDI"])),
        ];
    }
}
