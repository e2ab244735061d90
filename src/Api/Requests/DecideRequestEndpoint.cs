using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using PortailFamille.Api.Infrastructure;
using PortailFamille.Domain.Accounts;
using PortailFamille.Domain.Families;
using PortailFamille.Domain.Inscriptions;
using PortailFamille.Domain.Requests;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;

namespace PortailFamille.Api.Requests;

public sealed record DecideRequest(string Decision, string? Reason = null);

public static class DecideRequestEndpoint
{
    public static async Task<RequestSubject?> LoadAsync([NotBody] FamilyRequest? request, IDocumentSession session, CancellationToken cancellation)
    {
        if (request is null) return null;
        // A new inscription is checked against the child's others under the family's lock, as when staff open one
        // (OpenInscriptionEndpoint): two acceptances at once cannot both pass the overlap check.
        var family = request.Type == RequestType.NewInscription
            ? (await session.Events.FetchForExclusiveWriting<Family>(request.FamilyId, cancellation)).Aggregate
            : await session.LoadAsync<Family>(request.FamilyId, cancellation);
        return family is null ? null : await RequestSubjects.LoadAsync(session, family, request.Type, request.Data, cancellation);
    }

    public static ProblemDetails Validate(DecideRequest command, [NotBody] FamilyRequest? request, [NotBody] RequestSubject? subject) =>
        request is null ? RequestProblems.NoSuchRequest
        : RequestDecider.CheckDecision(command.Decision, command.Reason) is { Any: true } errors ? Problems.InvalidDetails(errors)
        : subject is null ? Problems.NotFoundDetails("La famille de cette demande n'existe plus.")
        : WolverineContinue.NoProblems;

    /// <summary>Accepts (and applies) or refuses a pending request; the family is e-mailed either way.</summary>
    [WolverinePost("/api/staff/requests/{requestId}/decision"), Tags("Demandes")]
    [EndpointSummary("Décider une demande")]
    [EndpointDescription("Agents. Accepter l'applique dans la même transaction ; refuser peut donner un motif. La famille est prévenue par courriel.")]
    [Authorize(Roles = Roles.Staff)]
    [ProducesResponseType(204), ProducesResponseType<ProblemDetails>(404), ProducesResponseType<ProblemDetails>(409)]
    public static async Task<(IResult, Events, OtherStreams, OutgoingMessages)> Post(DecideRequest command,
        [WriteAggregate("requestId", Required = false)] FamilyRequest request, [NotBody] RequestSubject subject, CurrentUser user,
        IDocumentSession session, IClock clock, CommuneSettings commune, CancellationToken cancellation)
    {
        var accepted = command.Decision == RequestDecider.Accept;
        var now = clock.GetCurrentInstant();
        var decision = RequestDecider.Decide(request, accepted, command.Reason, subject, Guid.NewGuid(), user.Actor, now);
        if (decision.Conflict is { } conflict) return (Problems.Conflict(conflict), [], new OtherStreams(), []);

        var family = subject.Family;
        var changes = new OtherStreams()
            .Append(family.Id, decision.FamilyEvents!)
            .Start<Inscription>(decision.NewInscription?.InscriptionId ?? Guid.Empty, decision.NewInscription);
        var attachment = accepted ? await RequestAttestations.ForAsync(request, subject, session, commune, now, cancellation) : null;
        return (Results.NoContent(), [decision.Decided!], changes,
            [RequestMails.Decided(request, family, accepted, command.Reason, commune, attachment)]);
    }
}
