using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using PortailFamille.Api.Infrastructure;
using PortailFamille.Domain.Accounts;
using PortailFamille.Domain.Common;
using PortailFamille.Domain.Families;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;

namespace PortailFamille.Api.Accounts;

public sealed record CreateStaffAccount(string Email, string Role);

public sealed record StaffAccountCreated(Guid AccountId);

public static class StaffAccountEndpoint
{
    public const string RoleRule = "Le rôle doit être « staff », « kitchen » ou « driver ».";

    public static async Task<Families.EmailOwner> LoadAsync(CreateStaffAccount command, IDocumentSession session, CancellationToken cancellation) =>
        new(FamilyRules.IsEmail(command.Email) ? await AccountService.FindByEmailAsync(session, command.Email, cancellation) : null);

    public static ProblemDetails Validate(CreateStaffAccount command, Families.EmailOwner owner) =>
        new Errors()
            .Require(FamilyRules.IsEmail(command.Email), "email", "Adresse e-mail invalide.")
            .Require(Roles.OfTheMairie.Contains(command.Role), "role", RoleRule) is { Any: true } errors ? Problems.InvalidDetails(errors)
        : owner.Account is not null ? Problems.ConflictDetails(FamilyContact.EmailTaken)
        : WolverineContinue.NoProblems;

    /// <summary>Creates a staff or kitchen login and e-mails its activation link.</summary>
    [WolverinePost("/api/staff/accounts"), Tags("Comptes")]
    [EndpointSummary("Créer un compte agent, cuisine ou chauffeur")]
    [EndpointDescription("Agents. L'adresse et le rôle (staff, kitchen, ou driver : le chauffeur d'une navette, qui ne voit que les lignes et " +
                         "les listes de leurs trajets) ; un lien d'activation part par courriel. Adresse déjà prise : 409.")]
    [Authorize(Roles = Roles.Staff)]
    [ProducesResponseType<StaffAccountCreated>(201), ProducesResponseType<ValidationProblemDetails>(400), ProducesResponseType<ProblemDetails>(409)]
    public static async Task<(IResult, IMartenOp, OutgoingMessages)> Post(CreateStaffAccount command, [NotBody] Families.EmailOwner owner,
        IDocumentSession session, Moment moment, CancellationToken cancellation)
    {
        var account = new Account { Id = Guid.NewGuid(), Email = FamilyRules.NormalizeEmail(command.Email), Role = command.Role, CreatedAt = moment.At };
        return (Results.Created($"/api/staff/accounts/{account.Id}", new StaffAccountCreated(account.Id)), MartenOps.Store(account),
            [await AccountService.NewActivationMailAsync(session, account, cancellation)]);
    }
}
