using Marten;
using Microsoft.AspNetCore.Authorization;
using NodaTime;
using PortailFamille.Api.Infrastructure;
using PortailFamille.Domain.Accounts;
using PortailFamille.Domain.Common;
using PortailFamille.Domain.Families;
using Wolverine;
using Wolverine.Http;

namespace PortailFamille.Api.Accounts;

public sealed record CreateStaffAccount(string Email, string Role);

public sealed record StaffAccountCreated(Guid AccountId);

public static class StaffAccountEndpoint
{
    public const string RoleRule = "Le rôle doit être « staff », « kitchen » ou « driver ».";

    /// <summary>Creates a staff or kitchen login and e-mails its activation link.</summary>
    [WolverinePost("/api/staff/accounts"), Tags("Comptes")]
    [EndpointSummary("Créer un compte agent, cuisine ou chauffeur")]
    [EndpointDescription("Agents. L'adresse et le rôle (staff, kitchen, ou driver : le chauffeur d'une navette, qui ne voit que les lignes et " +
                         "les listes de leurs trajets) ; un lien d'activation part par courriel. Adresse déjà prise : 409.")]
    [Authorize(Roles = Roles.Staff)]
    [ProducesResponseType<StaffAccountCreated>(201)]
    public static async Task<IResult> Post(CreateStaffAccount command, IDocumentSession session, IClock clock, IMessageBus bus,
        CancellationToken cancellation)
    {
        var errors = new Errors()
            .Require(FamilyRules.IsEmail(command.Email), "email", "Adresse e-mail invalide.")
            .Require(Roles.OfTheMairie.Contains(command.Role), "role", RoleRule);
        if (errors.Any) return Problems.Invalid(errors);
        if (await AccountService.FindByEmailAsync(session, command.Email, cancellation) is not null)
            return Problems.Conflict("Cette adresse e-mail est déjà utilisée par un autre compte.");

        var now = clock.GetCurrentInstant();
        var account = new Account { Id = Guid.NewGuid(), Email = FamilyRules.NormalizeEmail(command.Email), Role = command.Role, CreatedAt = now };
        session.Store(account);
        await bus.PublishAsync(await AccountService.NewActivationMailAsync(session, account, cancellation));
        return Results.Created($"/api/staff/accounts/{account.Id}", new StaffAccountCreated(account.Id));
    }
}
