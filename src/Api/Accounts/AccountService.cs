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

    /// <summary>A new activation link; any earlier unused one stops working.</summary>
    public static async Task<OutgoingMail> NewActivationMailAsync(IDocumentSession session, Account account, Instant now,
        PortalSettings portal, CommuneSettings commune, CancellationToken cancellation = default)
    {
        var earlier = await session.Query<OneTimeToken>()
            .Where(t => t.AccountId == account.Id && t.Purpose == TokenPurposes.Activation && !t.Revoked)
            .ToListAsync(cancellation);
        foreach (var token in earlier.Where(t => t.UsedAt is null))
        {
            token.Revoked = true;
            session.Store(token);
        }
        var (value, expires) = IssueToken(session, account.Id, TokenPurposes.Activation, now);
        return MailTexts.Activation(account.Email, commune.Name, $"{portal.PublicUrl}/activation?token={value}", expires, commune.Zone);
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
