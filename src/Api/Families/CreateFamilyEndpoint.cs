using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using PortailFamille.Api.Accounts;
using PortailFamille.Api.Infrastructure;
using PortailFamille.Domain.Accounts;
using PortailFamille.Domain.Common;
using PortailFamille.Domain.Families;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;

namespace PortailFamille.Api.Families;

public sealed record CreateFamily(
    string Civility, string FirstName, string LastName, Address Address, string Email, Phones Phones,
    Allocataire Allocataire, int QuotientFamilial, int DependentChildren)
{
    public FamilyFileFields Fields => new(Civility, FirstName, LastName, Address, Phones ?? new Phones(), Allocataire ?? new Allocataire(), DependentChildren);
}

public sealed record FamilyCreatedResponse(Guid FamilyId);

public static class CreateFamilyEndpoint
{
    public static async Task<EmailOwner> LoadAsync(CreateFamily command, IDocumentSession session, CancellationToken cancellation) =>
        new(FamilyRules.IsEmail(command.Email) ? await AccountService.FindByEmailAsync(session, command.Email, cancellation) : null);

    public static ProblemDetails Validate(CreateFamily command, EmailOwner owner)
    {
        var errors = FamilyFile.Check(command.Fields).Require(FamilyRules.IsEmail(command.Email), "email", "Adresse e-mail invalide.");
        FamilyRules.CheckQuotient(errors, "quotientFamilial", command.QuotientFamilial);
        return errors.Any ? Problems.InvalidDetails(errors)
            : owner.Account is not null ? Problems.ConflictDetails(FamilyContact.EmailTaken)
            : WolverineContinue.NoProblems;
    }

    /// <summary>Creates the family file from the paper form and e-mails the parent an activation link.</summary>
    [WolverinePost("/api/staff/families"), Tags("Familles")]
    [EndpointSummary("Créer une fiche famille")]
    [EndpointDescription("Agents. Le responsable, l'adresse, l'e-mail, les téléphones, l'allocataire et le quotient familial ; un lien d'activation part par courriel. Adresse déjà prise : 409.")]
    [Authorize(Roles = Roles.Staff)]
    [ProducesResponseType<FamilyCreatedResponse>(201), ProducesResponseType<ValidationProblemDetails>(400), ProducesResponseType<ProblemDetails>(409)]
    public static async Task<(IResult, IStartStream, IMartenOp, OutgoingMessages)> Post(CreateFamily command, [NotBody] EmailOwner owner,
        IDocumentSession session, CurrentUser user, Moment moment, CancellationToken cancellation)
    {
        var familyId = Guid.NewGuid();
        var email = FamilyRules.NormalizeEmail(command.Email);
        var created = new FamilyFileCreated(familyId, command.Civility, command.FirstName.Trim(), command.LastName.Trim(), command.Address, email,
            command.Phones, command.Allocataire, command.QuotientFamilial, moment.Today, command.DependentChildren, user.Actor, moment.At);
        var account = new Account { Id = Guid.NewGuid(), Email = email, Role = Roles.Parent, FamilyId = familyId, CreatedAt = moment.At };
        return (Results.Created($"/api/staff/families/{familyId}", new FamilyCreatedResponse(familyId)),
            MartenOps.StartStream<Family>(familyId, created), MartenOps.Store(account),
            [await AccountService.NewActivationMailAsync(session, account, cancellation)]);
    }
}
