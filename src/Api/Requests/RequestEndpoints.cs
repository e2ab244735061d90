using System.Security.Claims;
using System.Text.Json;
using Marten;
using Microsoft.AspNetCore.Authorization;
using NodaTime;
using PortailFamille.Api.Infrastructure;
using PortailFamille.Api.Mail;
using PortailFamille.Domain.Accounts;
using PortailFamille.Domain.Activities;
using PortailFamille.Domain.Common;
using PortailFamille.Domain.Families;
using PortailFamille.Domain.Inscriptions;
using PortailFamille.Domain.Requests;
using Wolverine;
using Wolverine.Http;

namespace PortailFamille.Api.Requests;

public sealed record RequestCreated(Guid RequestId);

public sealed record DecideRequest(string Decision, string? Reason = null);

public static class RequestEndpoints
{
    /// <summary>A parent's request (demande): family or child data, a new person, a new inscription, an attestation.
    /// The commune's contact address is told.</summary>
    [WolverinePost("/api/requests"), Tags("Demandes")]
    [EndpointSummary("Faire une demande à la mairie")]
    [EndpointDescription("Parents. Modification de la famille ou d'un enfant, ajout d'une personne, nouvelle inscription, attestation d'inscription ou fiscale ; le corps dépend du type. La mairie la décide.")]
    [Authorize(Roles = Roles.Parent)]
    [ProducesResponseType<RequestCreated>(201)]
    public static async Task<IResult> Submit(JsonElement body, ClaimsPrincipal principal, IDocumentSession session, IClock clock, IMessageBus bus,
        CommuneSettings commune, CancellationToken cancellation)
    {
        var user = CurrentUser.From(principal);
        var family = user.FamilyId is { } familyId ? await session.LoadAsync<Family>(familyId, cancellation) : null;
        if (family is null) return Problems.NotFound();
        var errors = new Errors();
        var (type, data) = RequestParsing.Parse(body, errors);
        if (data is not null) await CheckAsync(type!, data, family, session, Dates.Today(clock, commune.Zone), commune.DietList.ToList(), errors, cancellation);
        if (errors.Any) return Problems.Invalid(errors);

        var requestId = Guid.NewGuid();
        var now = clock.GetCurrentInstant();
        session.Events.StartStream<FamilyRequest>(requestId, new RequestSubmitted(requestId, family.Id, type!, data!, user.Actor, now));
        await bus.PublishAsync(new OutgoingMail(commune.ContactEmail, $"Portail Famille – nouvelle demande ({type})",
            $"La famille {family.LastName} ({family.Email}) a envoyé une demande « {type} » le {MailTexts.At(now, commune.Zone)}.\n" +
            "Elle attend une décision dans la liste des demandes en attente."));
        return Results.Created($"/api/requests/{requestId}", new RequestCreated(requestId));
    }

    /// <summary>Withdraws a pending request ("Supprimer"); a decided one cannot be withdrawn (409).</summary>
    [WolverineDelete("/api/requests/{requestId}"), Tags("Demandes")]
    [EndpointSummary("Retirer une demande en attente")]
    [EndpointDescription("Parents, pour leurs propres demandes (autre famille : 404). Une demande déjà décidée : 409.")]
    [Authorize(Roles = Roles.Parent)]
    [ProducesResponseType(204)]
    public static async Task<IResult> Withdraw(Guid requestId, ClaimsPrincipal principal, IDocumentSession session, IClock clock, CancellationToken cancellation)
    {
        var user = CurrentUser.From(principal);
        if (requestId == Guid.Empty) return Problems.NotFound("Aucune demande avec cet identifiant.");
        var stream = await session.Events.FetchForWriting<FamilyRequest>(requestId, cancellation);
        if (stream.Aggregate is not { } request || request.FamilyId != user.FamilyId) return Problems.NotFound("Aucune demande avec cet identifiant.");
        if (!request.IsPending) return Problems.Conflict("Cette demande a déjà été traitée ou retirée.");
        stream.AppendOne(new RequestWithdrawnByParent(requestId, user.Actor, clock.GetCurrentInstant()));
        return Results.NoContent();
    }

    /// <summary>Accepts (and applies) or refuses a pending request; the family is e-mailed either way.</summary>
    [WolverinePost("/api/staff/requests/{requestId}/decision"), Tags("Demandes")]
    [EndpointSummary("Décider une demande")]
    [EndpointDescription("Agents. Accepter l'applique dans la même transaction ; refuser peut donner un motif. La famille est prévenue par courriel.")]
    [Authorize(Roles = Roles.Staff)]
    [ProducesResponseType(204)]
    public static async Task<IResult> Decide(Guid requestId, DecideRequest command, ClaimsPrincipal principal, IDocumentSession session,
        IClock clock, IMessageBus bus, CommuneSettings commune, CancellationToken cancellation)
    {
        if (requestId == Guid.Empty) return Problems.NotFound("Aucune demande avec cet identifiant.");
        var stream = await session.Events.FetchForWriting<FamilyRequest>(requestId, cancellation);
        if (stream.Aggregate is not { } request) return Problems.NotFound("Aucune demande avec cet identifiant.");
        var errors = new Errors()
            .Require(command.Decision is "accept" or "refuse", "decision", "La décision doit être « accept » ou « refuse ».")
            .Require(command.Reason is null || command.Reason.Length <= 500, "reason", "Le motif ne doit pas dépasser 500 caractères.");
        if (errors.Any) return Problems.Invalid(errors);
        if (!request.IsPending) return Problems.Conflict("Cette demande a déjà été traitée ou retirée.");

        var by = CurrentUser.From(principal).Actor;
        var now = clock.GetCurrentInstant();
        var family = await session.LoadAsync<Family>(request.FamilyId, cancellation);
        if (family is null) return Problems.NotFound("La famille de cette demande n'existe plus.");
        var accepted = command.Decision == "accept";
        if (accepted && await ApplyAsync(request, family, session, by, now, cancellation) is { } refusal) return refusal;
        stream.AppendOne(new RequestDecided(requestId, accepted, command.Reason?.Trim(), by, now));
        var attachment = accepted ? await AttestationAsync(request, family, session, commune, now, cancellation) : null;
        await bus.PublishAsync(RequestMails.Decided(request, family, accepted, command.Reason, commune, attachment));
        return Results.NoContent();
    }

    private static async Task CheckAsync(string type, RequestData data, Family family, IDocumentSession session, LocalDate today,
        IReadOnlyCollection<string> diets, Errors errors,
        CancellationToken cancellation)
    {
        switch (type)
        {
            case RequestTypes.FamilyChange:
                RequestRules.CheckFamilyChanges(errors, data.Changes);
                break;
            case RequestTypes.ChildChange:
                errors.Require(family.ChildById(data.ChildId!.Value) is not null, "childId", "Cet enfant ne fait pas partie de votre famille.");
                RequestRules.CheckChildChanges(errors, data.Changes, today, diets);
                break;
            case RequestTypes.NewPerson:
                errors.Require(FamilyRules.Sexes.Contains(data.Sex), "sex", "Le sexe doit être « M » ou « F ».")
                    .Require(data.BirthDate is { } born && FamilyRules.IsBirthDate(born, today), "birthDate", FamilyRules.BirthDateRule);
                break;
            case RequestTypes.NewInscription:
                errors.Require(family.ChildById(data.ChildId!.Value) is not null, "childId", "Cet enfant ne fait pas partie de votre famille.");
                var activity = ActivityRules.IsCode(data.ActivityCode) ? await session.LoadAsync<Activity>(Activity.StreamIdFor(data.ActivityCode!), cancellation) : null;
                errors.Require(activity is not null, "activityCode", $"Aucune activité de code {data.ActivityCode}.")
                    .Require(activity is null || activity.HasGroup(data.Group!), "group", $"Le groupe {data.Group} n'existe pas pour cette activité.");
                break;
            case RequestTypes.AttestationInscription:
                var inscription = await session.LoadAsync<Inscription>(data.InscriptionId!.Value, cancellation);
                errors.Require(inscription?.FamilyId == family.Id, "inscriptionId", "Cette inscription n'est pas celle d'un de vos enfants.");
                break;
            case RequestTypes.AttestationFiscale:
                errors.Require(data.Year <= today.Year, "year", "L'année ne peut pas être dans le futur.");
                break;
        }
    }

    /// <summary>The document an accepted attestation request is answered with, attached to the decision's e-mail.</summary>
    private static async Task<MailAttachment?> AttestationAsync(FamilyRequest request, Family family, IDocumentSession session,
        CommuneSettings commune, Instant now, CancellationToken cancellation)
    {
        var today = now.InZone(commune.Zone).Date;
        switch (request.Type)
        {
            case RequestTypes.AttestationInscription:
                var inscription = await session.LoadAsync<Inscription>(request.Data.InscriptionId!.Value, cancellation);
                var pdf = inscription is null ? null
                    : await Money.AccountEndpoints.InscriptionAttestationAsync(session, family, inscription, commune, today, cancellation);
                return pdf is null ? null : new MailAttachment($"attestation-inscription-{inscription!.ActivityCode}.pdf".ToLowerInvariant(), "application/pdf", pdf);
            case RequestTypes.AttestationFiscale:
                var year = request.Data.Year!.Value;
                return new MailAttachment($"attestation-fiscale-{year}.pdf", "application/pdf",
                    await Money.AccountEndpoints.FiscalPdfAsync(session, family, year, commune, today, cancellation));
            default:
                return null;
        }
    }

    /// <summary>What accepting the request does; a problem when it can no longer be applied.</summary>
    private static async Task<IResult?> ApplyAsync(FamilyRequest request, Family family, IDocumentSession session, Actor by, Instant now,
        CancellationToken cancellation)
    {
        var data = request.Data;
        switch (request.Type)
        {
            case RequestTypes.FamilyChange:
                session.Events.Append(family.Id, new FamilyDataChanged(family.Id, data.Changes!, by, now, request.Id));
                break;
            case RequestTypes.ChildChange:
                if (family.ChildById(data.ChildId!.Value) is null) return Problems.Conflict("Cet enfant ne fait plus partie de la famille.");
                session.Events.Append(family.Id, [.. RequestRules.AcceptChildChange(family, data.ChildId.Value, data.Changes!, by, now, request.Id)]);
                break;
            case RequestTypes.NewPerson:
                session.Events.Append(family.Id, new ChildAdded(family.Id, Guid.NewGuid(), data.FirstName!, data.LastName!, data.BirthDate!.Value, data.Sex!, by, now, request.Id));
                break;
            case RequestTypes.NewInscription:
                var activity = await session.LoadAsync<Activity>(Activity.StreamIdFor(data.ActivityCode!), cancellation);
                if (activity is null) return Problems.Conflict("Cette activité n'existe plus.");
                if (await Inscriptions.InscriptionEndpoints.OverlapsAsync(session, data.ChildId!.Value, activity.Code, activity.From, activity.To, null, cancellation))
                    return Problems.Conflict("Cet enfant est déjà inscrit à cette activité : la demande ne peut pas être acceptée.");
                var inscriptionId = Guid.NewGuid();
                session.Events.StartStream<Inscription>(inscriptionId, new InscriptionOpened(inscriptionId, family.Id, data.ChildId!.Value,
                    activity.Code, data.Group!, activity.From, activity.To, by, now));
                break;
        }
        return null;
    }
}
