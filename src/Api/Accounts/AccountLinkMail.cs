using Marten;
using NodaTime;
using PortailFamille.Api.Infrastructure;
using PortailFamille.Api.Mail;
using PortailFamille.Domain.Accounts;

namespace PortailFamille.Api.Accounts;

/// <summary>
/// Asks for an e-mailed single-use link (activation or reset). The token is made when the mail leaves, by the
/// handler, so no message table ever holds it: the durable outbox carries only the account, the purpose and the
/// address the link was asked for.
/// </summary>
public sealed record AccountLinkMail(Guid AccountId, string Purpose, string To);

public static class AccountLinkMailHandler
{
    public static void Configure(Wolverine.Runtime.Handlers.HandlerChain chain) => MailRetries.Apply(chain);

    public static async Task Handle(AccountLinkMail message, Wolverine.Envelope envelope, CommuneDirectory communes, IDocumentStore store,
        IClock clock, MailSettings settings, CancellationToken cancellation)
    {
        // The link opens the portal of the commune the account belongs to.
        var entry = communes.OfMessage(envelope);
        var commune = entry.Commune;
        await using var session = store.LightweightSession(entry.TenantId);
        var account = await session.LoadAsync<Account>(message.AccountId, cancellation);
        // The address changed since (its own link is another message), the login was erased or ended: nothing to send.
        if (account is null || account.Email != message.To || account.Deactivated) return;
        var now = clock.GetCurrentInstant();
        // Only the newest link of a purpose works: a retry after a failed send replaces the link it made.
        await AccountService.RevokeLinksAsync(session, account.Id, cancellation, message.Purpose);
        var (token, expires) = AccountService.IssueToken(session, account.Id, message.Purpose, now);
        // The token is stored before the mail that carries it leaves.
        await session.SaveChangesAsync(cancellation);
        var mail = message.Purpose == TokenPurposes.Activation
            ? MailTexts.Activation(account.Email, commune.Name, $"{entry.PublicUrl}/activation?token={token}", expires, commune.Zone)
            : MailTexts.PasswordReset(account.Email, commune.Name, $"{entry.PublicUrl}/reinitialisation?token={token}", expires, commune.Zone);
        await OutgoingMailHandler.SendAsync(mail, settings, commune, cancellation);
    }
}
