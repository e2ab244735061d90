using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using PortailFamille.Api.Infrastructure;
using PortailFamille.Domain.Accounts;
using PortailFamille.Domain.Activities;
using PortailFamille.Domain.Calendar;
using PortailFamille.Domain.Common;
using Wolverine.Http;

namespace PortailFamille.Api.Activities;

public sealed record ChangeCapacity(string Group, string Unit, int Capacity);

public sealed record ChangeDeadlines(DeadlineDto BookingDeadline, DeadlineDto CancellationDeadline);

public sealed record ChangeTariffs(LocalDate EffectiveFrom, TariffDto[] Tariffs)
{
    public IReadOnlyList<TariffBracket> Brackets => [.. (Tariffs ?? []).Select(t => t.ToBracket())];
}

public static class ChangeCapacityEndpoint
{
    public static Task<Activity?> LoadAsync(string code, IQuerySession session, CancellationToken cancellation) =>
        ActivityLookup.LoadAsync(session, code, cancellation);

    public static ProblemDetails Validate(string code, ChangeCapacity command, [NotBody] Activity? activity) =>
        activity is null ? ActivityLookup.NoActivityCoded(code)
        : Problems.InvalidDetails(ActivityChanges.CheckCapacity(activity, command.Group, command.Unit, command.Capacity));

    [WolverinePut("/api/staff/activities/{code}/capacity"), Tags("Activités")]
    [EndpointSummary("Changer la capacité d'un groupe et d'une unité")]
    [EndpointDescription("Agents. La nouvelle capacité vaut à partir d'aujourd'hui ; baisser sous les places prises garde les réservations, augmenter promeut aussitôt la liste d'attente. Décidé par le guichet des réservations, dans une transaction.")]
    [Authorize(Roles = Roles.Staff)]
    [ProducesResponseType(204), ProducesResponseType<ValidationProblemDetails>(400), ProducesResponseType<ProblemDetails>(404)]
    public static Task<IResult> Put(ChangeCapacity command, [NotBody] Activity activity, Bookings.BookingDesk desk, CurrentUser user,
        CancellationToken cancellation) =>
        // Through the booking desk: the new capacity and the seat rows change together, and a raise promotes at once.
        desk.AnswerAsync<object>(new Bookings.CapacityWork(activity.Code, command.Group, command.Unit, command.Capacity, user.Actor),
            _ => Results.NoContent(), cancellation);
}

/// <summary>The deadlines as read from the body (null where malformed, with the errors).</summary>
public sealed record DeadlinePair(Deadline? Booking, Deadline? Cancellation, Errors Errors);

public static class ChangeDeadlinesEndpoint
{
    public static async Task<(IEventStream<Activity>?, DeadlinePair)> LoadAsync(string code, ChangeDeadlines command, IDocumentSession session,
        CancellationToken cancellation)
    {
        var errors = new Errors();
        var pair = new DeadlinePair(command.BookingDeadline.ToDeadline(errors, "bookingDeadline"),
            command.CancellationDeadline.ToDeadline(errors, "cancellationDeadline"), errors);
        return (await ActivityLookup.FetchForWritingAsync(session, code, cancellation), pair);
    }

    public static ProblemDetails Validate(string code, [NotBody] IEventStream<Activity>? stream, DeadlinePair deadlines) =>
        stream?.Aggregate is null ? ActivityLookup.NoActivityCoded(code) : Problems.InvalidDetails(deadlines.Errors);

    [WolverinePut("/api/staff/activities/{code}/deadlines"), Tags("Activités")]
    [EndpointSummary("Changer les délais de réservation et d'annulation")]
    [EndpointDescription("Agents. Les délais (jours avant, jours ouvrés ou non, heure) valent pour les décisions suivantes ; les décisions passées gardent le délai qu'elles citent.")]
    [Authorize(Roles = Roles.Staff)]
    [ProducesResponseType(204), ProducesResponseType<ValidationProblemDetails>(400), ProducesResponseType<ProblemDetails>(404)]
    public static (IResult, OtherStreams) Put(ChangeDeadlines command, [NotBody] IEventStream<Activity> stream, [NotBody] DeadlinePair deadlines,
        CurrentUser user, Moment moment) =>
        (Results.NoContent(), new OtherStreams().Append(stream,
            ActivityChanges.ChangeDeadlines(stream.Aggregate!, deadlines.Booking!, deadlines.Cancellation!, user.Actor, moment.At)));
}

public static class ChangeTariffsEndpoint
{
    public static Task<IEventStream<Activity>?> LoadAsync(string code, IDocumentSession session, CancellationToken cancellation) =>
        ActivityLookup.FetchForWritingAsync(session, code, cancellation);

    public static ProblemDetails Validate(string code, ChangeTariffs command, [NotBody] IEventStream<Activity>? stream)
    {
        if (stream?.Aggregate is not { } activity) return ActivityLookup.NoActivityCoded(code);
        var errors = new Errors();
        ActivityRules.CheckTariffs(errors, "tariffs", command.Brackets, activity.Units);
        return Problems.InvalidDetails(errors);
    }

    [WolverinePut("/api/staff/activities/{code}/tariffs"), Tags("Activités")]
    [EndpointSummary("Ajouter une grille tarifaire")]
    [EndpointDescription("Agents. Une grille par tranches de quotient familial, en vigueur à partir de sa date ; les mois déjà facturés ne changent pas.")]
    [Authorize(Roles = Roles.Staff)]
    [ProducesResponseType(204), ProducesResponseType<ValidationProblemDetails>(400), ProducesResponseType<ProblemDetails>(404)]
    public static (IResult, OtherStreams) Put(ChangeTariffs command, [NotBody] IEventStream<Activity> stream, CurrentUser user, Moment moment) =>
        (Results.NoContent(), new OtherStreams().Append(stream,
            ActivityChanges.ChangeTariffs(stream.Aggregate!, command.EffectiveFrom, command.Brackets, user.Actor, moment.At)));
}

public static class GetActivitiesEndpoint
{
    [WolverineGet("/api/activities"), Tags("Activités")]
    [EndpointSummary("Les activités de la commune")]
    [EndpointDescription("Agents, cuisine et parents connectés. Pour chaque activité : libellé, équipement, période, jours servis, unités, groupes et capacités, délais, mode de validation et grille tarifaire en vigueur.")]
    [Authorize(Roles = Roles.Anyone)]
    [ProducesResponseType<ActivityView[]>(200)]
    public static async Task<List<ActivityView>> Get(IQuerySession session, Moment moment, CancellationToken cancellation) =>
        (await session.Query<Activity>().OrderBy(a => a.Code).ToListAsync(cancellation)).Select(a => ActivityView.Of(a, moment.Today)).ToList();
}
