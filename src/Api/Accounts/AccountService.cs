using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Marten;
using Microsoft.AspNetCore.Identity;
using NodaTime;
using PortailFamille.Api.Infrastructure;
using PortailFamille.Api.Mail;
using PortailFamille.Domain.Accounts;
using PortailFamille.Domain.Families;

namespace PortailFamille.Api.Accounts;

/// <summary>Account plumbing shared by the endpoints: lookups, hashing and the e-mailed single-use links.</summary>
public static class AccountService
{
    public static readonly PasswordHasher<Account> Hasher = new();

    public static Task<Account?> FindByEmailAsync(IQuerySession session, string email, CancellationToken cancellation = default)
    {
        var normalized = FamilyRules.NormalizeEmail(email);
        return session.Query<Account>().FirstOrDefaultAsync(a => a.Email == normalized, cancellation);
    }

    public static string HashToken(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Stores a new single-use token (its hash only) and returns the token to put in the link.</summary>
    public static (string Token, Instant ExpiresAt) IssueToken(IDocumentSession session, Guid accountId, string purpose, Instant now)
    {
        var token = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var expires = now + (purpose == TokenPurposes.Activation ? AccountRules.ActivationLifetime : AccountRules.ResetLifetime);
        session.Store(new OneTimeToken { Id = HashToken(token), AccountId = accountId, Purpose = purpose, ExpiresAt = expires });
        return (token, expires);
    }

    /// <summary>
    /// Ends every session of the account: its session version goes up (older tokens are refused) and the
    /// reason is recorded on the account's stream with its author.
    /// </summary>
    public static void EndSessions(IDocumentSession session, Account account, SessionEndReason reason, Domain.Common.Actor by, Instant now)
    {
        var ended = new AccountSessionsEnded(account.Id, reason, by, now);
        session.Events.Append(account.Id, ended);
        StaffAccountDecider.Apply(account, ended);
        session.Store(account);
        SessionVersions.Record(session, account.Id, account.SessionVersion);
    }

    /// <summary>Every activation or reset link of the account (of that purpose only, when given) not used yet stops working.</summary>
    public static async Task RevokeLinksAsync(IDocumentSession session, Guid accountId, CancellationToken cancellation, string? purpose = null)
    {
        var open = (await session.Query<OneTimeToken>()
            .Where(t => t.AccountId == accountId && !t.Revoked && t.UsedAt == null)
            .ToListAsync(cancellation)).Where(t => purpose is null || t.Purpose == purpose);
        foreach (var token in open)
        {
            token.Revoked = true;
            session.Store(token);
        }
    }

    /// <summary>A new activation link for the account's address; any earlier unused link of the account stops working now.</summary>
    public static async Task<AccountLinkMail> NewActivationMailAsync(IDocumentSession session, Account account, CancellationToken cancellation = default)
    {
        await RevokeLinksAsync(session, account.Id, cancellation);
        return new AccountLinkMail(account.Id, TokenPurposes.Activation, account.Email);
    }

    /// <summary>Finds a usable token of that purpose, or null for any bad, expired, revoked or used one.</summary>
    public static async Task<OneTimeToken?> FindUsableTokenAsync(IQuerySession session, string? token, string purpose, Instant now,
        CancellationToken cancellation = default)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 200) return null;
        var stored = await session.LoadAsync<OneTimeToken>(HashToken(token), cancellation);
        return stored is not null && stored.IsUsableAt(now, purpose) ? stored : null;
    }
}
