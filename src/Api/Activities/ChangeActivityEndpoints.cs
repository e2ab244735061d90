using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Authorization;
using NodaTime;
using PortailFamille.Api.Infrastructure;
using PortailFamille.Domain.Accounts;
using PortailFamille.Domain.Activities;
using PortailFamille.Domain.Common;
using Wolverine.Http;

namespace PortailFamille.Api.Activities;

public sealed record ChangeCapacity(string Group, string Unit, int Capacity);

public sealed record ChangeDeadlines(DeadlineDto BookingDeadline, DeadlineDto CancellationDeadline);

public sealed record ChangeTariffs(LocalDate EffectiveFrom, TariffDto[] Tariffs);

/// <summary>Rule changes are events with their instant, so an audit can tell which rule was in force.</summary>
public static class ChangeActivityEndpoints
{
    [WolverinePut("/api/staff/activities/{code}/capacity"), Tags("Activités")]
    [EndpointSummary("Changer la capacité d'un groupe et d'une unité")]
    [EndpointDescription("Agents. La nouvelle capacité vaut à partir d'aujourd'hui ; baisser sous les places prises garde les réservations, augmenter promeut aussitôt la liste d'attente. Décidé par le guichet des réservations, dans une transaction.")]
    [Authorize(Roles = Roles.Staff)]
    [ProducesResponseType(204)]
    public static async Task<IResult> Capacity(string code, ChangeCapacity command, IQuerySession session, Bookings.BookingDesk desk,
        ClaimsPrincipal principal, CancellationToken cancellation)
    {
        var activity = await ActivityLookup.LoadAsync(session, code, cancellation);
        if (activity is null) return Problems.NotFound($"Aucune activité de code {code}.");
        var errors = new Errors()
            .Require(activity.HasGroup(command.Group), "group", $"Le groupe {command.Group} n'existe pas pour cette activité.")
            .Require(activity.Units.Contains(command.Unit), "unit", $"L'unité {command.Unit} n'existe pas pour cette activité.");
        ActivityRules.CheckCapacity(errors, "capacity", command.Capacity);
        if (errors.Any) return Problems.Invalid(errors);
        // Through the booking desk: the new capacity and the seat rows change together, and a raise promotes at once.
        return await desk.AnswerAsync<object>(new Bookings.CapacityWork(activity.Code, command.Group, command.Unit, command.Capacity,
            CurrentUser.From(principal).Actor), _ => Results.NoContent(), cancellation);
    }

    [WolverinePut("/api/staff/activities/{code}/deadlines"), Tags("Activités")]
    [EndpointSummary("Changer les délais de réservation et d'annulation")]
    [EndpointDescription("Agents. Les délais (jours avant, jours ouvrés ou non, heure) valent pour les décisions suivantes ; les décisions passées gardent le délai qu'elles citent.")]
    [Authorize(Roles = Roles.Staff)]
    [ProducesResponseType(204)]
    public static async Task<IResult> Deadlines(string code, ChangeDeadlines command, IDocumentSession session, IClock clock,
        ClaimsPrincipal principal, CancellationToken cancellation)
    {
        var stream = await FetchAsync(session, code, cancellation);
        if (stream?.Aggregate is not { } activity) return Problems.NotFound($"Aucune activité de code {code}.");
        var errors = new Errors();
        var booking = command.BookingDeadline.ToDeadline(errors, "bookingDeadline");
        var cancellationDeadline = command.CancellationDeadline.ToDeadline(errors, "cancellationDeadline");
        if (errors.Any) return Problems.Invalid(errors);
        stream.AppendOne(new DeadlinesChanged(activity.Id, booking!, cancellationDeadline!, CurrentUser.From(principal).Actor, clock.GetCurrentInstant()));
        return Results.NoContent();
    }

    [WolverinePut("/api/staff/activities/{code}/tariffs"), Tags("Activités")]
    [EndpointSummary("Ajouter une grille tarifaire")]
    [EndpointDescription("Agents. Une grille par tranches de quotient familial, en vigueur à partir de sa date ; les mois déjà facturés ne changent pas.")]
    [Authorize(Roles = Roles.Staff)]
    [ProducesResponseType(204)]
    public static async Task<IResult> Tariffs(string code, ChangeTariffs command, IDocumentSession session, IClock clock,
        ClaimsPrincipal principal, CancellationToken cancellation)
    {
        var stream = await FetchAsync(session, code, cancellation);
        if (stream?.Aggregate is not { } activity) return Problems.NotFound($"Aucune activité de code {code}.");
        var brackets = command.Tariffs.Select(t => t.ToBracket()).ToList();
        var errors = new Errors();
        ActivityRules.CheckTariffs(errors, "tariffs", brackets, activity.Units);
        if (errors.Any) return Problems.Invalid(errors);
        stream.AppendOne(new TariffsChanged(activity.Id, command.EffectiveFrom, brackets.OrderBy(b => b.FromQf).ToList(),
            CurrentUser.From(principal).Actor, clock.GetCurrentInstant()));
        return Results.NoContent();
    }

    private static Task<JasperFx.Events.IEventStream<Activity>?> FetchAsync(IDocumentSession session, string code, CancellationToken cancellation) =>
        ActivityLookup.FetchForWritingAsync(session, code, cancellation);
}

public static class GetActivitiesEndpoint
{
    [WolverineGet("/api/activities"), Tags("Activités")]
    [EndpointSummary("Les activités de la commune")]
    [EndpointDescription("Agents, cuisine et parents connectés. Pour chaque activité : libellé, équipement, période, jours servis, unités, groupes et capacités, délais, mode de validation et grille tarifaire en vigueur.")]
    [Authorize(Roles = Roles.Anyone)]
    [ProducesResponseType<ActivityView[]>(200)]
    public static async Task<IResult> Get(IQuerySession session, IClock clock, CommuneSettings commune, CancellationToken cancellation)
    {
        var today = Dates.Today(clock, commune.Zone);
        var activities = await session.Query<Activity>().OrderBy(a => a.Code).ToListAsync(cancellation);
        return Results.Ok(activities.Select(a => ActivityView.Of(a, today)).ToList());
    }
}
