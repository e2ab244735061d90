using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using PortailFamille.Api.Infrastructure;
using PortailFamille.Domain.Accounts;
using PortailFamille.Domain.Activities;
using PortailFamille.Domain.Common;
using PortailFamille.Domain.Inscriptions;
using Wolverine.Http;
using Wolverine.Marten;

namespace PortailFamille.Api.Inscriptions;

public sealed record ChangeInscription(string? Group = null, LocalDate? To = null);

public static class ChangeInscriptionEndpoint
{
    public static async Task<Activity?> LoadAsync([NotBody] Inscription? inscription, IQuerySession session, CancellationToken cancellation) =>
        inscription is null ? null : await session.LoadAsync<Activity>(Activity.StreamIdFor(inscription.ActivityCode), cancellation);

    public static async Task<ProblemDetails> ValidateAsync(ChangeInscription command, [NotBody] Inscription? inscription, [NotBody] Activity? activity,
        IQuerySession session, CancellationToken cancellation)
    {
        if (inscription is null || activity is null) return Problems.NotFoundDetails("Aucune inscription avec cet identifiant.");
        var errors = new Errors().Require(command.Group is not null || command.To is not null, "body", "Indiquez un groupe ou une date de fin.");
        if (command.Group is not null)
            errors.Require(activity.HasGroup(command.Group), "group", $"Le groupe {command.Group} n'existe pas pour cette activité.");
        if (command.To is { } newEnd) InscriptionPeriods.Check(errors, activity, inscription.From, newEnd);
        if (errors.Any) return Problems.InvalidDetails(errors);
        // Only a later end can reach another inscription of the child.
        if (command.To is { } to && to > inscription.To
            && InscriptionPeriods.Overlapping(await ChildInscriptions.LoadAsync(session, inscription.ChildId, inscription.ActivityCode, cancellation),
                inscription.From, to, except: inscription.Id) is not null)
            return Problems.ConflictDetails(InscriptionPeriods.OverlapConflict);
        return WolverineContinue.NoProblems;
    }

    /// <summary>Changes the group or the last day; ending early is a désinscription.</summary>
    [WolverinePut("/api/staff/inscriptions/{id}"), Tags("Inscriptions")]
    [EndpointSummary("Changer le groupe ou la fin d'une inscription")]
    [EndpointDescription("Agents. Finir plus tôt annule sans frais les jours suivants et retire leurs demandes.")]
    [Authorize(Roles = Roles.Staff)]
    [ProducesResponseType(204), ProducesResponseType<ValidationProblemDetails>(400), ProducesResponseType<ProblemDetails>(404), ProducesResponseType<ProblemDetails>(409)]
    public static Task<IResult> Put(Guid id, ChangeInscription command, [ReadAggregate("id", Required = false)] Inscription inscription,
        Bookings.BookingDesk desk, CurrentUser user, CancellationToken cancellation) =>
        // Through the booking desk: ending early releases the later days in the same transaction.
        desk.AnswerAsync<object>(new Bookings.InscriptionChangeWork(id, command.Group, command.To, user.Actor), _ => Results.NoContent(), cancellation);
}
