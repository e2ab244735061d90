using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using PortailFamille.Api.Infrastructure;
using PortailFamille.Domain.Accounts;
using PortailFamille.Domain.Families;
using Wolverine.Http;
using Wolverine.Marten;

namespace PortailFamille.Api.Families;

public sealed record AddChild(string FirstName, string LastName, LocalDate BirthDate, string Sex)
{
    public ChildFields Fields => new(FirstName, LastName, BirthDate, Sex);
}

public sealed record ChildAddedResponse(Guid ChildId);

public static class AddChildEndpoint
{
    public static ProblemDetails Validate(AddChild command, [NotBody] Family? family, Moment moment) =>
        family is null ? FamilyProblems.NoSuchFamily : Problems.InvalidDetails(FamilyFile.CheckChild(command.Fields, moment.Today));

    [WolverinePost("/api/staff/families/{familyId}/children"), Tags("Familles")]
    [EndpointSummary("Ajouter un enfant")]
    [EndpointDescription("Agents. Prénom, nom, date de naissance et sexe.")]
    [Authorize(Roles = Roles.Staff)]
    [ProducesResponseType<ChildAddedResponse>(201), ProducesResponseType<ValidationProblemDetails>(400), ProducesResponseType<ProblemDetails>(404)]
    public static (IResult, Events) Post(AddChild command, [WriteAggregate("familyId", Required = false)] Family family, CurrentUser user, Moment moment)
    {
        var added = FamilyContact.AddChild(family, Guid.NewGuid(), command.Fields, user.Actor, moment.At);
        return (Results.Created($"/api/staff/families/{family.Id}", new ChildAddedResponse(added.ChildId)), [added]);
    }
}
