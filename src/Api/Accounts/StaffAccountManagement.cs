using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using NodaTime;
using PortailFamille.Api.Infrastructure;
using PortailFamille.Domain.Accounts;
using PortailFamille.Domain.Common;
using Wolverine.Http;

namespace PortailFamille.Api.Accounts;

public sealed record StaffAccountView(Guid AccountId, string Email, string Role, bool Activated, bool Deactivated, Instant CreatedAt);

public sealed record ChangeStaffRole(string Role);

/// <summary>The account an endpoint acts on, and how many staff accounts can log in, read under the roster lock.</summary>
public sealed record StaffRoster(Account? Target, int ActiveStaff)
{
    public const string NoSuchAccount = "Aucun compte du personnel avec cet identifiant.";

    /// <summary>
    /// Begins the transaction and serializes roster changes (two clerks deactivating each other at once must not
    /// leave the commune without a staff login), then reads the target and the count.
    /// </summary>
    public static async Task<StaffRoster> LoadAsync(IDocumentSession session, Guid accountId, CancellationToken cancellation)
    {
        await session.BeginTransactionAsync(cancellation);
        await using (var command = new NpgsqlCommand("select pg_advisory_xact_lock(hashtext('portail-staff-roster'))", (NpgsqlConnection)session.Connection!))
            await command.ExecuteNonQueryAsync(cancellation);
        var target = accountId == Guid.Empty ? null : await session.LoadAsync<Account>(accountId, cancellation);
        var active = await session.Query<Account>()
            .CountAsync(a => a.Role == Roles.Staff && a.Active && !a.Deactivated && a.PasswordHash != null, cancellation);
        return new StaffRoster(target is { IsStaffOrKitchen: true } ? target : null, active);
    }

    public ProblemDetails Found() => Target is null
        ? Problems.NotFoundDetails(NoSuchAccount)
        : WolverineContinue.NoProblems;

    /// <summary>Records the decision on the account's stream and applies it to the login, or answers its refusal.</summary>
    public IResult Apply(AccountDecision decision, IDocumentSession session)
    {
        if (decision.Refusal is { } refusal) return Problems.Conflict(refusal.Detail);
        if (decision.Events.Count == 0) return Results.NoContent();
        session.Events.Append(Target!.Id, decision.Events.ToArray());
        foreach (var e in decision.Events) StaffAccountDecider.Apply(Target, e);
        session.Store(Target);
        SessionVersions.Record(session, Target.Id, Target.SessionVersion);
        return Results.NoContent();
    }
}

public static class ListStaffAccountsEndpoint
{
    /// <summary>Staff and kitchen logins, by e-mail; parents' accounts belong to their family files.</summary>
    [WolverineGet("/api/staff/accounts"), Tags("Comptes")]
    [Authorize(Roles = Roles.Staff)]
    [EndpointSummary("Comptes du personnel et de la cuisine")]
    [EndpointDescription("Liste les comptes « staff » et « kitchen » de la commune, activés ou non, désactivés ou non, par adresse e-mail.")]
    [ProducesResponseType<StaffAccountView[]>(200)]
    public static async Task<IReadOnlyList<StaffAccountView>> Get(IQuerySession session, CancellationToken cancellation)
    {
        var accounts = await session.Query<Account>().Where(a => a.Role == Roles.Staff || a.Role == Roles.Kitchen || a.Role == Roles.Driver)
            .OrderBy(a => a.Email).ToListAsync(cancellation);
        return accounts.Select(a => new StaffAccountView(a.Id, a.Email, a.Role, a.Active, a.Deactivated, a.CreatedAt)).ToList();
    }
}

public static class DeactivateStaffAccountEndpoint
{
    public static Task<StaffRoster> LoadAsync(Guid accountId, IDocumentSession session, CancellationToken cancellation) =>
        StaffRoster.LoadAsync(session, accountId, cancellation);

    public static ProblemDetails Validate([NotBody] StaffRoster roster) => roster.Found();

    /// <summary>The account can no longer log in and its sessions end at once; the last active staff account stays.</summary>
    [WolverinePost("/api/staff/accounts/{accountId}/deactivation"), Tags("Comptes")]
    [Authorize(Roles = Roles.Staff)]
    [EndpointSummary("Désactiver un compte du personnel")]
    [EndpointDescription("Le compte ne peut plus se connecter et ses sessions sont fermées. Refusé (409) pour le dernier compte « staff » actif ou un compte déjà désactivé.")]
    [ProducesResponseType(204), ProducesResponseType<ProblemDetails>(404), ProducesResponseType<ProblemDetails>(409)]
    public static IResult Post(Guid accountId, [NotBody] StaffRoster roster, IDocumentSession session, [NotBody] CurrentUser user, IClock clock) =>
        roster.Apply(StaffAccountDecider.Deactivate(roster.Target!, roster.ActiveStaff, user.Actor, clock.GetCurrentInstant()), session);
}

public static class ReactivateStaffAccountEndpoint
{
    public static Task<StaffRoster> LoadAsync(Guid accountId, IDocumentSession session, CancellationToken cancellation) =>
        StaffRoster.LoadAsync(session, accountId, cancellation);

    public static ProblemDetails Validate([NotBody] StaffRoster roster) => roster.Found();

    [WolverinePost("/api/staff/accounts/{accountId}/reactivation"), Tags("Comptes")]
    [Authorize(Roles = Roles.Staff)]
    [EndpointSummary("Réactiver un compte du personnel")]
    [EndpointDescription("Le compte peut de nouveau se connecter avec son mot de passe. Refusé (409) s'il n'est pas désactivé.")]
    [ProducesResponseType(204), ProducesResponseType<ProblemDetails>(404), ProducesResponseType<ProblemDetails>(409)]
    public static IResult Post(Guid accountId, [NotBody] StaffRoster roster, IDocumentSession session, [NotBody] CurrentUser user, IClock clock) =>
        roster.Apply(StaffAccountDecider.Reactivate(roster.Target!, user.Actor, clock.GetCurrentInstant()), session);
}

public static class ChangeStaffRoleEndpoint
{
    public static Task<StaffRoster> LoadAsync(Guid accountId, IDocumentSession session, CancellationToken cancellation) =>
        StaffRoster.LoadAsync(session, accountId, cancellation);

    public static ProblemDetails Validate(ChangeStaffRole command, [NotBody] StaffRoster roster) =>
        !Roles.OfTheMairie.Contains(command.Role)
            ? Problems.InvalidDetails(new Errors().Add("role", StaffAccountEndpoint.RoleRule), StaffAccountEndpoint.RoleRule)
            : roster.Found();

    /// <summary>The account's sessions end, so its next token carries the new role.</summary>
    [WolverinePut("/api/staff/accounts/{accountId}/role"), Tags("Comptes")]
    [Authorize(Roles = Roles.Staff)]
    [EndpointSummary("Changer le rôle d'un compte du personnel")]
    [EndpointDescription("Passe un compte de « staff » à « kitchen » ou l'inverse ; ses sessions sont fermées pour que son prochain jeton porte le nouveau rôle. Refusé (409) pour le dernier compte « staff » actif.")]
    [ProducesResponseType(204), ProducesResponseType<ProblemDetails>(400), ProducesResponseType<ProblemDetails>(404), ProducesResponseType<ProblemDetails>(409)]
    public static IResult Put(Guid accountId, ChangeStaffRole command, [NotBody] StaffRoster roster, IDocumentSession session, [NotBody] CurrentUser user, IClock clock) =>
        roster.Apply(StaffAccountDecider.ChangeRole(roster.Target!, command.Role, roster.ActiveStaff, user.Actor,
            clock.GetCurrentInstant()), session);
}
