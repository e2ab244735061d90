using System.Globalization;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using NodaTime;
using NodaTime.Text;
using PortailFamille.Api.Activities;
using PortailFamille.Api.Bookings;
using PortailFamille.Api.Infrastructure;
using PortailFamille.Domain.Accounts;
using PortailFamille.Domain.Activities;
using PortailFamille.Domain.Bookings;
using PortailFamille.Domain.Common;
using PortailFamille.Domain.Families;
using PortailFamille.Domain.Inscriptions;
using PortailFamille.Domain.Shuttles;
using Wolverine.Http;

namespace PortailFamille.Api.Shuttles;

/// <summary>A line checked and built, or why not.</summary>
public sealed record ShuttlePlan(ActivityCreated? Created, Errors Errors, bool Exists);

public static class CreateShuttleEndpoint
{
    /// <summary>The line is an activity with a route: the activity's checks, the route's, and activities it serves that exist.</summary>
    public static async Task<ShuttlePlan> LoadAsync(CreateShuttle command, IQuerySession session, [NotBody] CurrentUser user, IClock clock,
        CancellationToken cancellation)
    {
        var errors = new Errors();
        var created = ActivityCreation.Create(command.AsActivity().Describe(errors), errors, user.Actor, clock.GetCurrentInstant());
        var stops = ShuttleStopDto.Parse(command.Stops, errors);
        ShuttleRules.CheckRoute(errors, stops, command.Directions, command.Serves);
        errors.Require(command.PriceCents is >= 0 and <= 100_000, "priceCents", "Le prix d'un trajet va de 0 à 100 000 centimes.");
        if (errors.Any || created is null) return new ShuttlePlan(null, errors, false);
        var served = await session.LoadManyAsync<Activity>(cancellation, command.Serves.Select(Activity.StreamIdFor).ToArray());
        errors.Require(served.Count == command.Serves.Length && served.All(a => a.Shuttle is null), "serves",
            "Les activités desservies doivent exister et ne pas être elles-mêmes des navettes.");
        var exists = await session.Events.FetchStreamStateAsync(created.ActivityId, cancellation) is not null;
        return new ShuttlePlan(created with { Shuttle = new ShuttleRoute(stops!, command.Serves) }, errors, exists);
    }

    public static ProblemDetails Validate([NotBody] ShuttlePlan plan) =>
        plan.Errors.Any ? Problems.InvalidDetails(plan.Errors)
        : plan.Exists ? Problems.ConflictDetails($"Une activité ou une navette de code {plan.Created!.Code} existe déjà.")
        : WolverineContinue.NoProblems;

    /// <summary>Creates a shuttle line; its seats are booked through the desk like every unit.</summary>
    [WolverinePost("/api/staff/shuttles"), Tags("Navettes")]
    [EndpointSummary("Créer une ligne de navette")]
    [EndpointDescription("Agents. Code, libellé, période et jours de circulation, sens (ALLER, RETOUR ou les deux), places par trajet, arrêts dans " +
                         "l'ordre de l'aller avec leurs heures (HH:mm ; le retour les parcourt à l'envers), activités desservies, délais et validation " +
                         "comme une activité, prix d'un trajet (0 par défaut : jamais facturé). La ligne est une activité (GET /api/activities la " +
                         "montre avec son champ shuttle) : le calendrier de la commune la ferme comme les autres. Code déjà pris : 409.")]
    [Authorize(Roles = Roles.Staff)]
    [ProducesResponseType<ActivityCreatedResponse>(201), ProducesResponseType<ValidationProblemDetails>(400), ProducesResponseType<ProblemDetails>(409)]
    public static IResult Post(CreateShuttle command, [NotBody] ShuttlePlan plan, IDocumentSession session)
    {
        var created = plan.Created!;
        session.Events.StartStream<Activity>(created.ActivityId, created);
        SeatLedgerStore.QueueSeatsFor(session, created);
        return Results.Created($"/api/activities/{created.Code}", new ActivityCreatedResponse(created.Code));
    }
}

/// <summary>The children on one trip, read from the line's inscriptions holding a seat that day and direction.</summary>
public sealed record TripRiders(Activity? Line, ShuttleManifest? Manifest);

public static class ShuttleManifestEndpoint
{
    public static async Task<TripRiders> LoadAsync(string code, string? date, string? direction, IQuerySession session,
        CancellationToken cancellation)
    {
        var line = await ActivityLookup.LoadAsync(session, code, cancellation);
        if (line?.Shuttle is not { } route || LocalDatePattern.Iso.Parse(date ?? "") is not { Success: true } parsed
            || direction is null || !line.Units.Contains(direction)) return new TripRiders(line?.Shuttle is null ? null : line, null);
        var day = parsed.Value;
        var all = await InscriptionQueries.HoldingOnAsync(session, [day], cancellation);
        var riders = all.Where(i => i.ActivityCode == line.Code).ToList();
        var families = riders.Count == 0 ? new Dictionary<Guid, Family>()
            : (await session.LoadManyAsync<Family>(cancellation, riders.Select(i => i.FamilyId).Distinct().ToArray())).ToDictionary(f => f.Id);
        var groupOf = all.Where(i => route.Serves.Contains(i.ActivityCode))
            .SelectMany(i => i.Cells.Where(kv => kv.Value.Status.HoldsSeat() && kv.Key.Date == day)
                .Select(kv => (i.ChildId, kv.Value.Group)))
            .GroupBy(x => x.ChildId).ToDictionary(g => g.Key, g => g.First().Group);
        var seated = riders.Where(i => i.CellAt(day, direction).Status.HoldsSeat()).ToList();
        var french = StringComparer.Create(CultureInfo.GetCultureInfo("fr-FR"), true);
        var stops = route.ByStop(direction, seated.Select(i =>
        {
            var family = families.GetValueOrDefault(i.FamilyId);
            var child = family?.ChildById(i.ChildId);
            return (i.Stop, new ManifestChild(child?.FirstName ?? "", child?.LastName ?? "", groupOf.GetValueOrDefault(i.ChildId, ""),
                family is null ? null : FamilyRules.ContactPhone(family.Phones)));
        })).Select(s => new ManifestStop(s.Stop.Name, ShuttleStopDto.Format(s.Stop.TimeFor(direction)),
            s.Riders.OrderBy(c => c.LastName, french).ThenBy(c => c.FirstName, french).ToList())).ToList();
        var waiting = riders.Count(i => i.CellAt(day, direction).Status == CellStatus.Waitlisted);
        return new TripRiders(line, new ShuttleManifest(line.Code, line.Label, day, direction, line.CapacityOf(ShuttleDirections.Group, direction),
            seated.Count, waiting, stops));
    }

    public static ProblemDetails Validate(string code, string? date, string? direction, [NotBody] TripRiders trip)
    {
        if (trip.Line is null) return Problems.NotFoundDetails($"Aucune ligne de navette de code {code}.");
        var errors = new Errors();
        Dates.Parse(date, "date", errors);
        errors.Require(direction is not null && trip.Line.Units.Contains(direction), "direction",
            $"Le sens doit être l'un de ceux de la ligne : {string.Join(", ", trip.Line.Units)}.");
        return Problems.InvalidDetails(errors);
    }

    /// <summary>The driver's list for one trip: stop by stop in the order the bus runs, each child with its class and a phone.</summary>
    [WolverineGet("/api/staff/shuttles/{code}/manifest"), Tags("Navettes")]
    [EndpointSummary("La liste d'un trajet de navette")]
    [EndpointDescription("Agents et chauffeurs. Pour un jour (?date=) et un sens (?direction=ALLER ou RETOUR) : les arrêts dans l'ordre où passe le bus, avec leur " +
                         "heure, et à chacun les enfants qui ont une place (prénom, nom, groupe à l'activité desservie ce jour-là, un téléphone de " +
                         "la famille) ; les places, les réservés et la liste d'attente. Ligne inconnue : 404.")]
    [Authorize(Roles = Roles.StaffOrDriver)]
    [ProducesResponseType<ShuttleManifest>(200), ProducesResponseType<ValidationProblemDetails>(400), ProducesResponseType<ProblemDetails>(404)]
    public static ShuttleManifest Get(string code, [NotBody] TripRiders trip) => trip.Manifest!;
}

public static class ShuttleManifestCsvEndpoint
{
    public static Task<TripRiders> LoadAsync(string code, string? date, string? direction, IQuerySession session,
        CancellationToken cancellation) => ShuttleManifestEndpoint.LoadAsync(code, date, direction, session, cancellation);

    public static ProblemDetails Validate(string code, string? date, string? direction, [NotBody] TripRiders trip) =>
        ShuttleManifestEndpoint.Validate(code, date, direction, trip);

    /// <summary>The same list, one line per child, for a spreadsheet or the transport company.</summary>
    [WolverineGet("/api/staff/shuttles/{code}/manifest.csv"), Tags("Navettes")]
    [EndpointSummary("La liste d'un trajet de navette en CSV")]
    [EndpointDescription("Agents et chauffeurs. La liste du trajet, une ligne par enfant : arrêt, heure, nom, prénom, groupe, téléphone.")]
    [Authorize(Roles = Roles.StaffOrDriver)]
    [Produces("text/csv"), ProducesResponseType<ValidationProblemDetails>(400), ProducesResponseType<ProblemDetails>(404)]
    public static IResult Get(string code, [NotBody] TripRiders trip)
    {
        var manifest = trip.Manifest!;
        return CsvText.Of(["date", "sens", "arret", "heure", "nom", "prenom", "groupe", "telephone"],
            manifest.Stops.SelectMany(stop => stop.Children.Select(child => new[]
            {
                LocalDatePattern.Iso.Format(manifest.Date), manifest.Direction, stop.Name, stop.Time ?? "", child.LastName, child.FirstName,
                child.Group, child.Phone ?? "",
            })));
    }
}
