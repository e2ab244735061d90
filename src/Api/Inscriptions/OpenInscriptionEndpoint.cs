using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using PortailFamille.Api.Infrastructure;
using PortailFamille.Domain.Accounts;
using PortailFamille.Domain.Activities;
using PortailFamille.Domain.Common;
using PortailFamille.Domain.Families;
using PortailFamille.Domain.Inscriptions;
using Wolverine.Http;
using Wolverine.Marten;

namespace PortailFamille.Api.Inscriptions;

public sealed record OpenInscription(Guid ChildId, string ActivityCode, string Group, LocalDate? From = null, LocalDate? To = null);

public sealed record InscriptionOpenedResponse(Guid InscriptionId);

/// <summary>The child's family and the activity, as found.</summary>
public sealed record InscriptionTarget(Family? Family, Activity? Activity);

public static class OpenInscriptionEndpoint
{
    public static async Task<InscriptionTarget> LoadAsync(OpenInscription command, IDocumentSession session, CancellationToken cancellation) =>
        new(await session.Query<Family>().FirstOrDefaultAsync(f => f.ChildIds.Contains(command.ChildId), cancellation),
            ActivityRules.IsCode(command.ActivityCode) ? await session.LoadAsync<Activity>(Activity.StreamIdFor(command.ActivityCode), cancellation) : null);

    public static ProblemDetails Validate(OpenInscription command, InscriptionTarget target)
    {
        var errors = new Errors()
            .Require(target.Family is not null, "childId", "Aucun enfant avec cet identifiant.")
            .Require(target.Activity is not null, "activityCode", $"Aucune activité de code {command.ActivityCode}.");
        if (target.Activity is { } activity)
        {
            errors.Require(activity.HasGroup(command.Group), "group", $"Le groupe {command.Group} n'existe pas pour cette activité.");
            InscriptionPeriods.Check(errors, activity, command.From ?? activity.From, command.To ?? activity.To);
        }
        return Problems.InvalidDetails(errors);
    }

    /// <summary>Enrols a child in an activity: one new event stream per inscription.</summary>
    [WolverinePost("/api/staff/inscriptions"), Tags("Inscriptions")]
    [EndpointSummary("Inscrire un enfant à une activité")]
    [EndpointDescription("Agents. L'enfant, l'activité et le groupe ; une inscription qui chevauche une autre à la même activité : 409.")]
    [Authorize(Roles = Roles.Staff)]
    [ProducesResponseType<InscriptionOpenedResponse>(201), ProducesResponseType<ValidationProblemDetails>(400), ProducesResponseType<ProblemDetails>(409)]
    public static async Task<(IResult, IMartenOp)> Post(OpenInscription command, [NotBody] InscriptionTarget target, IDocumentSession session,
        CurrentUser user, Moment moment, CancellationToken cancellation)
    {
        var (family, activity) = (target.Family!, target.Activity!);
        var (from, to) = (command.From ?? activity.From, command.To ?? activity.To);
        // Serialises inscriptions of one family, so two concurrent requests cannot both pass the overlap check.
        await session.Events.FetchForExclusiveWriting<Family>(family.Id, cancellation);
        if (InscriptionPeriods.Overlapping(await ChildInscriptions.LoadAsync(session, command.ChildId, activity.Code, cancellation), from, to) is not null)
            return (Problems.Conflict(InscriptionPeriods.OverlapConflict), MartenOps.Nothing());

        var inscriptionId = Guid.NewGuid();
        return (Results.Created($"/api/staff/inscriptions/{inscriptionId}", new InscriptionOpenedResponse(inscriptionId)),
            MartenOps.StartStream<Inscription>(inscriptionId,
                new InscriptionOpened(inscriptionId, family.Id, command.ChildId, activity.Code, command.Group, from, to, user.Actor, moment.At)));
    }
}
