using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Authorization;
using NodaTime;
using PortailFamille.Api.Infrastructure;
using PortailFamille.Domain.Accounts;
using PortailFamille.Domain.Activities;
using PortailFamille.Domain.Common;
using PortailFamille.Domain.Families;
using PortailFamille.Domain.Inscriptions;
using Wolverine.Http;

namespace PortailFamille.Api.Inscriptions;

public sealed record OpenInscription(Guid ChildId, string ActivityCode, string Group, LocalDate? From = null, LocalDate? To = null);

public sealed record InscriptionOpenedResponse(Guid InscriptionId);

public sealed record ChangeInscription(string? Group = null, LocalDate? To = null);

public static class InscriptionEndpoints
{
    /// <summary>Enrols a child in an activity: one new event stream per inscription.</summary>
    [WolverinePost("/api/staff/inscriptions"), Tags("Inscriptions")]
    [EndpointSummary("Inscrire un enfant à une activité")]
    [EndpointDescription("Agents. L'enfant, l'activité et le groupe ; une inscription qui chevauche une autre à la même activité : 409.")]
    [Authorize(Roles = Roles.Staff)]
    [ProducesResponseType<InscriptionOpenedResponse>(201)]
    public static async Task<IResult> Open(OpenInscription command, IDocumentSession session, IClock clock, ClaimsPrincipal principal,
        CancellationToken cancellation)
    {
        var family = await session.Query<Family>().FirstOrDefaultAsync(f => f.ChildIds.Contains(command.ChildId), cancellation);
        var activity = ActivityRules.IsCode(command.ActivityCode)
            ? await session.LoadAsync<Activity>(Activity.StreamIdFor(command.ActivityCode), cancellation) : null;
        var errors = new Errors()
            .Require(family is not null, "childId", "Aucun enfant avec cet identifiant.")
            .Require(activity is not null, "activityCode", $"Aucune activité de code {command.ActivityCode}.");
        if (errors.Any) return Problems.Invalid(errors);
        var from = command.From ?? activity!.From;
        var to = command.To ?? activity!.To;
        errors.Require(activity!.HasGroup(command.Group), "group", $"Le groupe {command.Group} n'existe pas pour cette activité.");
        CheckPeriod(errors, activity, from, to);
        if (errors.Any) return Problems.Invalid(errors);

        // Serialises inscriptions of one family, so two concurrent requests cannot both pass the overlap check.
        await session.Events.FetchForExclusiveWriting<Family>(family!.Id, cancellation);
        if (await OverlapsAsync(session, command.ChildId, activity.Code, from, to, null, cancellation))
            return Problems.Conflict("Cet enfant est déjà inscrit à cette activité sur une période qui chevauche celle-ci.");

        var inscriptionId = Guid.NewGuid();
        session.Events.StartStream<Inscription>(inscriptionId, new InscriptionOpened(inscriptionId, family.Id, command.ChildId,
            activity.Code, command.Group, from, to, CurrentUser.From(principal).Actor, clock.GetCurrentInstant()));
        return Results.Created($"/api/staff/inscriptions/{inscriptionId}", new InscriptionOpenedResponse(inscriptionId));
    }

    /// <summary>Changes the group or the last day; ending early is a désinscription.</summary>
    [WolverinePut("/api/staff/inscriptions/{id}"), Tags("Inscriptions")]
    [EndpointSummary("Changer le groupe ou la fin d'une inscription")]
    [EndpointDescription("Agents. Finir plus tôt annule sans frais les jours suivants et retire leurs demandes.")]
    [Authorize(Roles = Roles.Staff)]
    [ProducesResponseType(204)]
    public static async Task<IResult> Change(Guid id, ChangeInscription command, IQuerySession session, Bookings.BookingDesk desk,
        ClaimsPrincipal principal, CancellationToken cancellation)
    {
        var inscription = await session.LoadAsync<Inscription>(id, cancellation);
        if (inscription is null) return Problems.NotFound("Aucune inscription avec cet identifiant.");
        var activity = await session.LoadAsync<Activity>(Activity.StreamIdFor(inscription.ActivityCode), cancellation);
        var errors = new Errors().Require(command.Group is not null || command.To is not null, "body", "Indiquez un groupe ou une date de fin.");
        if (command.Group is not null)
            errors.Require(activity!.HasGroup(command.Group), "group", $"Le groupe {command.Group} n'existe pas pour cette activité.");
        if (command.To is { } newEnd) CheckPeriod(errors, activity!, inscription.From, newEnd);
        if (errors.Any) return Problems.Invalid(errors);
        if (command.To is { } to && to > inscription.To
            && await OverlapsAsync(session, inscription.ChildId, inscription.ActivityCode, inscription.From, to, id, cancellation))
            return Problems.Conflict("Cet enfant est déjà inscrit à cette activité sur une période qui chevauche celle-ci.");

        // Through the booking desk: ending early releases the later days in the same transaction.
        return await desk.AnswerAsync<object>(new Bookings.InscriptionChangeWork(id, command.Group, command.To, CurrentUser.From(principal).Actor),
            _ => Results.NoContent(), cancellation);
    }

    private static void CheckPeriod(Errors errors, Activity activity, LocalDate from, LocalDate to) => errors
        .Require(from <= to, "to", "La date de fin doit être postérieure ou égale à la date de début.")
        .Require(from >= activity.From && to <= activity.To, "from",
            $"La période doit être comprise dans celle de l'activité ({activity.From:dd/MM/yyyy} – {activity.To:dd/MM/yyyy}).");

    /// <summary>Whether the child has another inscription to the activity overlapping the period.</summary>
    public static async Task<bool> OverlapsAsync(IQuerySession session, Guid childId, string activityCode, LocalDate from, LocalDate to,
        Guid? except, CancellationToken cancellation)
    {
        var existing = await session.Query<Inscription>().Where(i => i.ChildId == childId && i.ActivityCode == activityCode).ToListAsync(cancellation);
        return existing.Any(i => i.Id != except && i.Overlaps(from, to));
    }
}
