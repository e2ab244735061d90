using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using PortailFamille.Api.Infrastructure;
using PortailFamille.Domain.Accounts;
using PortailFamille.Domain.Common;
using PortailFamille.Domain.Families;
using Wolverine.Http;

namespace PortailFamille.Api.Families;

public sealed record ChangePhones(string? Home = null, string? Mobile1 = null, string? Mobile2 = null, string? Work1 = null, string? Work2 = null)
{
    public Phones Cleaned => new(Clean(Home), Clean(Mobile1), Clean(Mobile2), Clean(Work1), Clean(Work2));

    private static string? Clean(string? phone) => string.IsNullOrWhiteSpace(phone) ? null : phone.Trim();
}

/// <summary>The parent's own family, named by their token: a token without one finds nothing (404).</summary>
public static class ParentFamilyEndpoints
{
    public static async Task<Family?> LoadOwnAsync(IQuerySession session, [NotBody] CurrentUser user, CancellationToken cancellation) =>
        user.FamilyId is { } familyId ? await session.LoadAsync<Family>(familyId, cancellation) : null;

    public static ProblemDetails Missing => Problems.NotFoundDetails("Ressource introuvable.");
}

/// <summary>What a parent sees of their own family file.</summary>
public static class MyFamilyEndpoint
{
    public static Task<Family?> LoadAsync([NotBody] CurrentUser user, IQuerySession session, CancellationToken cancellation) =>
        ParentFamilyEndpoints.LoadOwnAsync(session, user, cancellation);

    public static ProblemDetails Validate([NotBody] Family? family) => family is null ? ParentFamilyEndpoints.Missing : WolverineContinue.NoProblems;

    [WolverineGet("/api/family"), Tags("Famille")]
    [EndpointSummary("Ma famille")]
    [EndpointDescription("Parents. Le responsable, l'adresse, l'e-mail, les téléphones, l'allocataire, le quotient familial et les enfants (âge, naissance, sexe).")]
    [Authorize(Roles = Roles.Parent)]
    [ProducesResponseType<FamilyView>(200), ProducesResponseType<ProblemDetails>(404)]
    public static FamilyView Get([NotBody] Family family, Moment moment) => FamilyView.Of(family, moment.Today);
}

/// <summary>Parents edit only their phone numbers, directly.</summary>
public static class ChangePhonesEndpoint
{
    public static async Task<IEventStream<Family>?> LoadAsync([NotBody] CurrentUser user, IDocumentSession session, CancellationToken cancellation) =>
        user.FamilyId is { } familyId && await session.Events.FetchForWriting<Family>(familyId, cancellation) is { Aggregate: not null } stream ? stream : null;

    public static ProblemDetails Validate(ChangePhones command, [NotBody] IEventStream<Family>? stream)
    {
        if (stream is null) return ParentFamilyEndpoints.Missing;
        var errors = new Errors();
        FamilyRules.CheckPhones(errors, "phones", command.Cleaned);
        return Problems.InvalidDetails(errors);
    }

    /// <summary>Replaces the five numbers (an absent one is cleared); any other field, e-mail included, is refused.</summary>
    [WolverinePut("/api/family/phones"), Tags("Famille")]
    [EndpointSummary("Changer mes téléphones")]
    [EndpointDescription("Parents. Les cinq numéros ; fait aussitôt, sans demande, et visible dans le tableau de bord.")]
    [Authorize(Roles = Roles.Parent)]
    [ProducesResponseType(204), ProducesResponseType<ValidationProblemDetails>(400), ProducesResponseType<ProblemDetails>(404)]
    public static (IResult, OtherStreams) Put(ChangePhones command, [NotBody] IEventStream<Family> stream, [NotBody] CurrentUser user, Moment moment)
    {
        var changes = new OtherStreams();
        foreach (var e in FamilyContact.ChangePhones(stream.Aggregate!, command.Cleaned, user.Actor, moment.At)) changes.Append(stream, e);
        return (Results.NoContent(), changes);
    }
}

public static class MyInscriptionsEndpoint
{
    public static Task<Family?> LoadAsync([NotBody] CurrentUser user, IQuerySession session, CancellationToken cancellation) =>
        ParentFamilyEndpoints.LoadOwnAsync(session, user, cancellation);

    public static ProblemDetails Validate([NotBody] Family? family) => family is null ? ParentFamilyEndpoints.Missing : WolverineContinue.NoProblems;

    [WolverineGet("/api/inscriptions"), Tags("Inscriptions")]
    [EndpointSummary("Mes inscriptions")]
    [EndpointDescription("Parents. Les inscriptions des enfants de la famille : équipement, libellé, période et groupe.")]
    [Authorize(Roles = Roles.Parent)]
    [ProducesResponseType<InscriptionView[]>(200), ProducesResponseType<ProblemDetails>(404)]
    public static Task<IReadOnlyList<InscriptionView>> Get([NotBody] Family family, IQuerySession session, CancellationToken cancellation) =>
        FamilyReads.InscriptionsOfAsync(session, family, cancellation);
}
