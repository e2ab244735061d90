using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using PortailFamille.Api.Accounts;
using PortailFamille.Api.Infrastructure;
using PortailFamille.Api.Mail;
using PortailFamille.Domain.Accounts;
using PortailFamille.Domain.Families;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;

namespace PortailFamille.Api.Families;

public sealed record ChangeEmail(string Email);

/// <summary>The account that has the new address, if any (another family's is a conflict).</summary>
public sealed record EmailOwner(Account? Account);

public static class ChangeFamilyEmailEndpoint
{
    public static async Task<EmailOwner> LoadAsync(ChangeEmail command, IDocumentSession session, CancellationToken cancellation) =>
        new(FamilyRules.IsEmail(command.Email) ? await AccountService.FindByEmailAsync(session, command.Email, cancellation) : null);

    public static ProblemDetails Validate(ChangeEmail command, [NotBody] Family? family, EmailOwner owner) =>
        family is null ? FamilyProblems.NoSuchFamily
        : FamilyContact.CheckEmail(command.Email) is { Any: true } errors ? Problems.InvalidDetails(errors, "Adresse e-mail invalide.")
        : owner.Account is { } other && other.FamilyId != family.Id ? Problems.ConflictDetails(FamilyContact.EmailTaken)
        : WolverineContinue.NoProblems;

    /// <summary>
    /// Only staff change a family's e-mail; it is also the parent's login. The old address loses everything it
    /// was sent: links already e-mailed stop working, sessions end, the account must be activated again from a
    /// link sent to the new address, and the old address gets a short notice.
    /// </summary>
    [WolverinePut("/api/staff/families/{familyId}/email"), Tags("Familles")]
    [EndpointSummary("Corriger l'adresse e-mail d'une famille")]
    [EndpointDescription("Agents. Les liens envoyés ne marchent plus, les sessions se ferment, le compte se réactive depuis un lien envoyé à la nouvelle adresse ; l'ancienne reçoit un avis.")]
    [Authorize(Roles = Roles.Staff)]
    [ProducesResponseType(204), ProducesResponseType<ValidationProblemDetails>(400), ProducesResponseType<ProblemDetails>(404), ProducesResponseType<ProblemDetails>(409)]
    public static async Task<(IResult, Events, OutgoingMessages)> Put(ChangeEmail command, [WriteAggregate("familyId", Required = false)] Family family,
        IDocumentSession session, CurrentUser user, Moment moment, CommuneSettings commune, CancellationToken cancellation)
    {
        var changes = FamilyContact.ChangeEmail(family, command.Email, user.Actor, moment.At);
        if (changes is not [var changed]) return (Results.NoContent(), [], []);
        var mails = new OutgoingMessages();
        if (await session.Query<Account>().FirstOrDefaultAsync(a => a.FamilyId == family.Id, cancellation) is { } account)
        {
            var oldEmail = account.Email;
            account.Email = changed.Email;
            account.Active = false;
            account.PasswordHash = null;
            AccountService.EndSessions(session, account, SessionEndReason.EmailChanged, user.Actor, moment.At);
            // Revokes every link sent to the old address, then sends the new activation link.
            mails.Add(await AccountService.NewActivationMailAsync(session, account, cancellation));
            mails.Add(MailTexts.EmailChangedNotice(oldEmail, commune.Name));
        }
        return (Results.NoContent(), [changed], mails);
    }
}
