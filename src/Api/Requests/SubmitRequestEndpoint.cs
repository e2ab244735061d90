using System.Text.Json;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using PortailFamille.Api.Infrastructure;
using PortailFamille.Api.Mail;
using PortailFamille.Domain.Accounts;
using PortailFamille.Domain.Common;
using PortailFamille.Domain.Families;
using PortailFamille.Domain.Inscriptions;
using PortailFamille.Domain.Requests;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;

namespace PortailFamille.Api.Requests;

public sealed record RequestCreated(Guid RequestId);

/// <summary>A request body as read, with what it names loaded; <see cref="Subject"/> is null when the caller has no family.</summary>
public sealed record RequestDraft(RequestType? Type, RequestData? Data, Errors ParseErrors, RequestSubject? Subject);

public static class SubmitRequestEndpoint
{
    public static async Task<RequestDraft> LoadAsync(JsonElement body, CurrentUser user, IDocumentSession session, CancellationToken cancellation)
    {
        var family = user.FamilyId is { } familyId ? await session.LoadAsync<Family>(familyId, cancellation) : null;
        var errors = new Errors();
        var (type, data) = RequestParsing.Parse(body, errors);
        var subject = family is null ? null
            : data is null ? new RequestSubject(family)
            : await RequestSubjects.LoadAsync(session, family, type!.Value, data, cancellation);
        return new RequestDraft(type, data, errors, subject);
    }

    public static ProblemDetails Validate(RequestDraft draft, IClock clock, CommuneSettings commune) =>
        draft.Subject is null ? Problems.NotFoundDetails("Ressource introuvable.")
        : draft.ParseErrors.Any ? Problems.InvalidDetails(draft.ParseErrors)
        : Problems.InvalidDetails(RequestDecider.Check(draft.Type!.Value, draft.Data!, draft.Subject, Dates.Today(clock, commune.Zone), commune.DietList.ToList()));

    /// <summary>A parent's request (demande): family or child data, a new person, a new inscription, an attestation.
    /// The commune's contact address is told.</summary>
    [WolverinePost("/api/requests"), Tags("Demandes")]
    [EndpointSummary("Faire une demande à la mairie")]
    [EndpointDescription("Parents. Modification de la famille ou d'un enfant, ajout d'une personne, nouvelle inscription, attestation d'inscription ou fiscale ; le corps dépend du type. La mairie la décide.")]
    [Authorize(Roles = Roles.Parent)]
    [ProducesResponseType<RequestCreated>(201), ProducesResponseType<ValidationProblemDetails>(400), ProducesResponseType<ProblemDetails>(404)]
    public static (IResult, IStartStream, OutgoingMessages) Post(JsonElement body, [NotBody] RequestDraft draft, CurrentUser user, IClock clock,
        CommuneSettings commune)
    {
        var family = draft.Subject!.Family;
        var now = clock.GetCurrentInstant();
        var submitted = RequestDecider.Submit(Guid.NewGuid(), draft.Type!.Value, draft.Data!, family, user.Actor, now);
        var toTheMairie = new OutgoingMail(commune.ContactEmail, $"Portail Famille – nouvelle demande ({submitted.Type.Wire()})",
            $"La famille {family.LastName} ({family.Email}) a envoyé une demande « {submitted.Type.Wire()} » le {MailTexts.At(now, commune.Zone)}.\n" +
            "Elle attend une décision dans la liste des demandes en attente.");
        return (Results.Created($"/api/requests/{submitted.RequestId}", new RequestCreated(submitted.RequestId)),
            MartenOps.StartStream<FamilyRequest>(submitted.RequestId, submitted), [toTheMairie]);
    }
}
