using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Authorization;
using NodaTime;
using PortailFamille.Api.Accounts;
using PortailFamille.Api.Infrastructure;
using PortailFamille.Api.Mail;
using PortailFamille.Domain.Accounts;
using PortailFamille.Domain.Common;
using PortailFamille.Domain.Families;
using Wolverine;
using Wolverine.Http;

namespace PortailFamille.Api.Families;

public sealed record ChangeEmail(string Email);

public sealed record ChangeQuotientFamilial(int QuotientFamilial, LocalDate EffectiveFrom);

public sealed record AddChild(string FirstName, string LastName, LocalDate BirthDate, string Sex);

public sealed record ChildAddedResponse(Guid ChildId);

public static class ChangeFamilyEndpoints
{
    private const string NoSuchFamily = "Aucune famille avec cet identifiant.";

    /// <summary>The family's stream for writing, or null when there is no such family (the empty id names none).</summary>
    private static async Task<JasperFx.Events.IEventStream<Family>?> FetchAsync(IDocumentSession session, Guid familyId, CancellationToken cancellation)
    {
        if (familyId == Guid.Empty) return null;
        var stream = await session.Events.FetchForWriting<Family>(familyId, cancellation);
        return stream.Aggregate is null ? null : stream;
    }

    /// <summary>E-mails a new activation link; the previous one stops working.</summary>
    [WolverinePost("/api/staff/families/{familyId}/activation"), Tags("Familles")]
    [EndpointSummary("Renvoyer le lien d'activation")]
    [EndpointDescription("Agents. Un nouveau lien part à l'adresse de la famille ; les liens précédents ne marchent plus.")]
    [Authorize(Roles = Roles.Staff)]
    [ProducesResponseType(202)]
    public static async Task<IResult> ResendActivation(Guid familyId, IDocumentSession session, IMessageBus bus, CancellationToken cancellation)
    {
        var account = await session.Query<Account>().FirstOrDefaultAsync(a => a.FamilyId == familyId, cancellation);
        if (account is null) return Problems.NotFound(NoSuchFamily);
        if (account.Active) return Problems.Conflict("Ce compte est déjà activé : la famille peut utiliser « mot de passe oublié ».");
        await bus.PublishAsync(await AccountService.NewActivationMailAsync(session, account, cancellation));
        return Results.Accepted();
    }

    /// <summary>
    /// Only staff change a family's e-mail; it is also the parent's login. The old address loses everything it
    /// was sent: links already e-mailed stop working, sessions end, the account must be activated again from a
    /// link sent to the new address, and the old address gets a short notice.
    /// </summary>
    [WolverinePut("/api/staff/families/{familyId}/email"), Tags("Familles")]
    [EndpointSummary("Corriger l'adresse e-mail d'une famille")]
    [EndpointDescription("Agents. Les liens envoyés ne marchent plus, les sessions se ferment, le compte se réactive depuis un lien envoyé à la nouvelle adresse ; l'ancienne reçoit un avis.")]
    [Authorize(Roles = Roles.Staff)]
    [ProducesResponseType(204)]
    public static async Task<IResult> Email(Guid familyId, ChangeEmail command, IDocumentSession session, IClock clock, IMessageBus bus,
        ClaimsPrincipal principal, CommuneSettings commune, CancellationToken cancellation)
    {
        if (await FetchAsync(session, familyId, cancellation) is not { } stream) return Problems.NotFound(NoSuchFamily);
        if (!FamilyRules.IsEmail(command.Email)) return Problems.Invalid("email", "Adresse e-mail invalide.");
        var email = FamilyRules.NormalizeEmail(command.Email);
        var owner = await AccountService.FindByEmailAsync(session, email, cancellation);
        if (owner is not null && owner.FamilyId != familyId)
            return Problems.Conflict("Cette adresse e-mail est déjà utilisée par un autre compte.");
        if (email == stream.Aggregate!.Email) return Results.NoContent();

        var by = CurrentUser.From(principal).Actor;
        var now = clock.GetCurrentInstant();
        stream.AppendOne(new FamilyEmailChanged(familyId, email, by, now));
        if (await session.Query<Account>().FirstOrDefaultAsync(a => a.FamilyId == familyId, cancellation) is { } account)
        {
            var oldEmail = account.Email;
            account.Email = email;
            account.Active = false;
            account.PasswordHash = null;
            AccountService.EndSessions(session, account, SessionEndReason.EmailChanged, by, now);
            // Revokes every link sent to the old address, then sends the new activation link.
            await bus.PublishAsync(await AccountService.NewActivationMailAsync(session, account, cancellation));
            await bus.PublishAsync(MailTexts.EmailChangedNotice(oldEmail, commune.Name));
        }
        return Results.NoContent();
    }

    [WolverinePut("/api/staff/families/{familyId}/quotient-familial"), Tags("Familles")]
    [EndpointSummary("Mettre à jour le quotient familial")]
    [EndpointDescription("Agents. Le nouveau quotient et sa date d'effet ; les mois déjà facturés ne changent pas.")]
    [Authorize(Roles = Roles.Staff)]
    [ProducesResponseType(204)]
    public static async Task<IResult> QuotientFamilial(Guid familyId, ChangeQuotientFamilial command, IDocumentSession session,
        IClock clock, ClaimsPrincipal principal, CancellationToken cancellation)
    {
        if (await FetchAsync(session, familyId, cancellation) is not { } stream) return Problems.NotFound(NoSuchFamily);
        var errors = new Errors();
        FamilyRules.CheckQuotient(errors, "quotientFamilial", command.QuotientFamilial);
        if (errors.Any) return Problems.Invalid(errors);
        stream.AppendOne(new QuotientFamilialChanged(familyId, command.QuotientFamilial, command.EffectiveFrom,
            CurrentUser.From(principal).Actor, clock.GetCurrentInstant()));
        return Results.NoContent();
    }

    [WolverinePost("/api/staff/families/{familyId}/children"), Tags("Familles")]
    [EndpointSummary("Ajouter un enfant")]
    [EndpointDescription("Agents. Prénom, nom, date de naissance et sexe.")]
    [Authorize(Roles = Roles.Staff)]
    [ProducesResponseType<ChildAddedResponse>(201)]
    public static async Task<IResult> Child(Guid familyId, AddChild command, IDocumentSession session, IClock clock,
        CommuneSettings commune, ClaimsPrincipal principal, CancellationToken cancellation)
    {
        if (await FetchAsync(session, familyId, cancellation) is not { } stream) return Problems.NotFound(NoSuchFamily);
        var today = Dates.Today(clock, commune.Zone);
        var errors = FamilyFile.CheckChild(new ChildFields(command.FirstName, command.LastName, command.BirthDate, command.Sex), today);
        if (errors.Any) return Problems.Invalid(errors);
        var childId = Guid.NewGuid();
        stream.AppendOne(new ChildAdded(familyId, childId, command.FirstName.Trim(), command.LastName.Trim(), command.BirthDate,
            command.Sex, CurrentUser.From(principal).Actor, clock.GetCurrentInstant()));
        return Results.Created($"/api/staff/families/{familyId}", new ChildAddedResponse(childId));
    }
}
