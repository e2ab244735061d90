using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using PortailFamille.Api.Activities;
using PortailFamille.Api.Bookings;
using PortailFamille.Api.Infrastructure;
using PortailFamille.Domain.Accounts;
using PortailFamille.Domain.Activities;
using PortailFamille.Domain.Common;
using PortailFamille.Domain.Inscriptions;
using PortailFamille.Domain.Shuttles;
using Wolverine.Http;

namespace PortailFamille.Api.Shuttles;

/// <summary>An inscription as its parent (or staff) reaches it, with the lines serving its activity and the child's
/// inscription on each.</summary>
public sealed record ServedInscription(Inscription? Inscription, IReadOnlyList<(Activity Line, Inscription? Joined)> Lines)
{
    public static async Task<ServedInscription> LoadAsync(Guid id, [NotBody] CurrentUser user, IQuerySession session, CancellationToken cancellation)
    {
        var inscription = await InscriptionAccess.LoadAsync(session, id, user, cancellation);
        if (inscription is null) return new ServedInscription(null, []);
        var lines = (await session.Query<Activity>().Where(a => a.Shuttle != null).ToListAsync(cancellation))
            .Where(l => l.Shuttle!.Serves.Contains(inscription.ActivityCode)).OrderBy(l => l.Code, StringComparer.Ordinal).ToList();
        var joined = lines.Count == 0 ? new Dictionary<Guid, Inscription>()
            : (await session.LoadManyAsync<Inscription>(cancellation, lines.Select(l => ShuttleRules.InscriptionIdFor(inscription.ChildId, l.Code)).ToArray()))
                .ToDictionary(i => i.Id);
        return new ServedInscription(inscription, lines.Select(l => (l, joined.GetValueOrDefault(ShuttleRules.InscriptionIdFor(inscription.ChildId, l.Code)))).ToList());
    }

    public ProblemDetails Found() => Inscription is null ? Problems.NotFoundDetails(InscriptionAccess.NotFound) : WolverineContinue.NoProblems;
}

public static class ShuttleOffersEndpoint
{
    public static Task<ServedInscription> LoadAsync(Guid id, [NotBody] CurrentUser user, IQuerySession session, CancellationToken cancellation) =>
        ServedInscription.LoadAsync(id, user, session, cancellation);

    public static ProblemDetails Validate([NotBody] ServedInscription served) => served.Found();

    /// <summary>"Mes navettes" of an inscription: the lines serving its activity, and the child's stop on those it takes.</summary>
    [WolverineGet("/api/inscriptions/{id}/shuttles"), Tags("Navettes")]
    [EndpointSummary("Mes navettes")]
    [EndpointDescription("Parents (leurs inscriptions ; autre famille : 404) et agents. Les lignes de navette qui desservent l'activité de " +
                         "l'inscription : période, jours, sens, places par trajet, arrêts et heures ; pour celles que l'enfant prend, " +
                         "l'inscription à la navette (inscriptionId, dont le planning et les réservations passent par les routes habituelles) et son arrêt.")]
    [Authorize(Roles = $"{Roles.Parent},{Roles.Staff}")]
    [ProducesResponseType<ShuttleOffer[]>(200), ProducesResponseType<ProblemDetails>(404)]
    public static IReadOnlyList<ShuttleOffer> Get(Guid id, [NotBody] ServedInscription served) => served.Lines.Select(x => new ShuttleOffer(
        x.Line.Code, x.Line.Label, x.Line.From, x.Line.To, x.Line.Weekdays.Select(Weekdays.Name).ToArray(), x.Line.Units,
        x.Line.Units.Select(u => x.Line.CapacityOf(ShuttleDirections.Group, u)).DefaultIfEmpty(0).Max(),
        x.Line.Shuttle!.Stops.Select(ShuttleStopDto.From).ToArray(), x.Joined?.Id, x.Joined?.Stop)).ToList();
}

public static class JoinShuttleEndpoint
{
    public static Task<ServedInscription> LoadAsync(Guid id, [NotBody] CurrentUser user, IQuerySession session, CancellationToken cancellation) =>
        ServedInscription.LoadAsync(id, user, session, cancellation);

    public static ProblemDetails Validate(JoinShuttle command, [NotBody] ServedInscription served)
    {
        if (served.Inscription is not { } inscription) return served.Found();
        var errors = new Errors()
            .Require(ActivityRules.IsCode(command.LineCode), "lineCode", "Le code de la ligne est obligatoire.")
            .Require(command.Stop is { Length: > 0 and <= 80 }, "stop", "L'arrêt est obligatoire (80 caractères au plus).");
        if (errors.Any) return Problems.InvalidDetails(errors);
        var line = served.Lines.FirstOrDefault(l => l.Line.Code == command.LineCode);
        if (line.Line is null) return Problems.UnprocessableDetails("Cette navette ne dessert pas cette activité.");
        return ShuttleRules.JoinRefusal(line.Line, inscription, command.Stop, line.Joined is not null) is { } refusal
            ? line.Joined is not null ? Problems.ConflictDetails(refusal) : Problems.UnprocessableDetails(refusal)
            : WolverineContinue.NoProblems;
    }

    /// <summary>The child takes the line: a shuttle inscription of its own, at the stop chosen; seats are then booked per day and direction.</summary>
    [WolverinePost("/api/inscriptions/{id}/shuttles"), Tags("Navettes")]
    [EndpointSummary("Inscrire l'enfant à une navette")]
    [EndpointDescription("Parents (leurs inscriptions ; autre famille : 404) et agents. Depuis une inscription à une activité que dessert la " +
                         "ligne : l'enfant est inscrit à la navette (une inscription à part, sur la période de la ligne) avec son arrêt. Les " +
                         "places se réservent ensuite par jour et par sens (unités ALLER, RETOUR) par POST /api/inscriptions/{id}/reservations, " +
                         "seulement les jours où l'enfant a une place à l'activité desservie (sinon : refus not-served). Ligne qui ne dessert pas " +
                         "l'activité, arrêt inconnu : 422 ; déjà inscrit : 409.")]
    [Authorize(Roles = $"{Roles.Parent},{Roles.Staff}")]
    [ProducesResponseType<ShuttleJoined>(201), ProducesResponseType<ValidationProblemDetails>(400), ProducesResponseType<ProblemDetails>(404),
     ProducesResponseType<ProblemDetails>(409), ProducesResponseType<ProblemDetails>(422)]
    public static IResult Post(Guid id, JoinShuttle command, [NotBody] ServedInscription served, IDocumentSession session, IClock clock, [NotBody] CurrentUser user)
    {
        var line = served.Lines.First(l => l.Line.Code == command.LineCode).Line;
        var events = ShuttleRules.Join(line, served.Inscription!, command.Stop, user.Actor, clock.GetCurrentInstant());
        var opened = (InscriptionOpened)events[0];
        session.Events.StartStream<Inscription>(opened.InscriptionId, events.ToArray());
        return Results.Created($"/api/inscriptions/{opened.InscriptionId}/planning", new ShuttleJoined(opened.InscriptionId));
    }
}

/// <summary>A line's inscription with its line, as its parent (or staff) reaches it.</summary>
public sealed record ShuttleInscription(Inscription? Inscription, Activity? Line)
{
    public static async Task<ShuttleInscription> LoadAsync(Guid id, [NotBody] CurrentUser user, IQuerySession session, CancellationToken cancellation)
    {
        var inscription = await InscriptionAccess.LoadAsync(session, id, user, cancellation);
        var line = inscription is null ? null : await ActivityLookup.LoadAsync(session, inscription.ActivityCode, cancellation);
        return line?.Shuttle is null ? new ShuttleInscription(null, null) : new ShuttleInscription(inscription, line);
    }
}

public static class ChooseShuttleStopEndpoint
{
    public static Task<ShuttleInscription> LoadAsync(Guid id, [NotBody] CurrentUser user, IQuerySession session, CancellationToken cancellation) =>
        ShuttleInscription.LoadAsync(id, user, session, cancellation);

    public static ProblemDetails Validate(ChooseShuttleStop command, [NotBody] ShuttleInscription shuttle)
    {
        if (shuttle.Line is null) return Problems.NotFoundDetails("Aucune inscription à une navette avec cet identifiant.");
        if (command.Stop is not { Length: > 0 and <= 80 }) return Problems.InvalidDetails(new Errors().Add("stop", "L'arrêt est obligatoire (80 caractères au plus)."));
        return shuttle.Line.Shuttle!.HasStop(command.Stop) ? WolverineContinue.NoProblems
            : Problems.UnprocessableDetails($"La navette {shuttle.Line.Code} n'a pas d'arrêt « {command.Stop} ».");
    }

    /// <summary>The child gets on (and off) at another stop from now on; the seats already booked stay.</summary>
    [WolverinePut("/api/inscriptions/{id}/shuttle-stop"), Tags("Navettes")]
    [EndpointSummary("Changer d'arrêt de navette")]
    [EndpointDescription("Parents (leurs inscriptions ; autre famille : 404) et agents. Sur l'inscription à une navette : l'arrêt où l'enfant monte " +
                         "à l'aller et descend au retour. Arrêt que la ligne n'a pas : 422.")]
    [Authorize(Roles = $"{Roles.Parent},{Roles.Staff}")]
    [ProducesResponseType(204), ProducesResponseType<ValidationProblemDetails>(400), ProducesResponseType<ProblemDetails>(404), ProducesResponseType<ProblemDetails>(422)]
    public static (IResult, OtherStreams) Put(Guid id, ChooseShuttleStop command, [NotBody] ShuttleInscription shuttle, Moment moment, [NotBody] CurrentUser user) =>
        (Results.NoContent(), new OtherStreams().Append(id, ShuttleRules.ChooseStop(shuttle.Line!, shuttle.Inscription!, command.Stop, user.Actor, moment.At)));
}
