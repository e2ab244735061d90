using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Authorization;
using NodaTime;
using PortailFamille.Api.Infrastructure;
using PortailFamille.Domain.Accounts;
using PortailFamille.Domain.Common;
using PortailFamille.Domain.Families;
using Wolverine.Http;

namespace PortailFamille.Api.Families;

public sealed record ChangePhones(string? Home = null, string? Mobile1 = null, string? Mobile2 = null, string? Work1 = null, string? Work2 = null);

/// <summary>What a parent sees of their own family file. Parents edit only their phone numbers.</summary>
public static class ParentFamilyEndpoints
{
    [WolverineGet("/api/family"), Tags("Famille")]
    [EndpointSummary("Ma famille")]
    [EndpointDescription("Parents. Le responsable, l'adresse, l'e-mail, les téléphones, l'allocataire, le quotient familial et les enfants (âge, naissance, sexe).")]
    [Authorize(Roles = Roles.Parent)]
    [ProducesResponseType<FamilyView>(200)]
    public static async Task<IResult> Get(ClaimsPrincipal principal, IQuerySession session, IClock clock, CommuneSettings commune,
        CancellationToken cancellation)
    {
        var family = await LoadOwnAsync(session, principal, cancellation);
        return family is null ? Problems.NotFound() : Results.Ok(FamilyView.Of(family, Dates.Today(clock, commune.Zone)));
    }

    /// <summary>Replaces the five numbers (an absent one is cleared); any other field, e-mail included, is refused.</summary>
    [WolverinePut("/api/family/phones"), Tags("Famille")]
    [EndpointSummary("Changer mes téléphones")]
    [EndpointDescription("Parents. Les cinq numéros ; fait aussitôt, sans demande, et visible dans le tableau de bord.")]
    [Authorize(Roles = Roles.Parent)]
    [ProducesResponseType(204)]
    public static async Task<IResult> Phones(ChangePhones command, ClaimsPrincipal principal, IDocumentSession session, IClock clock,
        CancellationToken cancellation)
    {
        var user = CurrentUser.From(principal);
        if (user.FamilyId is not { } familyId) return Problems.NotFound();
        var stream = await session.Events.FetchForWriting<Family>(familyId, cancellation);
        if (stream.Aggregate is null) return Problems.NotFound();
        var phones = new Phones(Clean(command.Home), Clean(command.Mobile1), Clean(command.Mobile2), Clean(command.Work1), Clean(command.Work2));
        var errors = new Errors();
        FamilyRules.CheckPhones(errors, "phones", phones);
        if (errors.Any) return Problems.Invalid(errors);
        if (phones != stream.Aggregate.Phones)
            stream.AppendOne(new FamilyPhonesChanged(familyId, phones, user.Actor, clock.GetCurrentInstant()));
        return Results.NoContent();
    }

    [WolverineGet("/api/inscriptions"), Tags("Inscriptions")]
    [EndpointSummary("Mes inscriptions")]
    [EndpointDescription("Parents. Les inscriptions des enfants de la famille : équipement, libellé, période et groupe.")]
    [Authorize(Roles = Roles.Parent)]
    [ProducesResponseType<InscriptionView[]>(200)]
    public static async Task<IResult> Inscriptions(ClaimsPrincipal principal, IQuerySession session, CancellationToken cancellation)
    {
        var family = await LoadOwnAsync(session, principal, cancellation);
        return family is null ? Problems.NotFound() : Results.Ok(await FamilyReads.InscriptionsOfAsync(session, family, cancellation));
    }

    public static async Task<Family?> LoadOwnAsync(IQuerySession session, ClaimsPrincipal principal, CancellationToken cancellation) =>
        CurrentUser.From(principal).FamilyId is { } familyId ? await session.LoadAsync<Family>(familyId, cancellation) : null;

    private static string? Clean(string? phone) => string.IsNullOrWhiteSpace(phone) ? null : phone.Trim();
}
