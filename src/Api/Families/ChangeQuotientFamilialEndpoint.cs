using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using PortailFamille.Api.Infrastructure;
using PortailFamille.Domain.Accounts;
using PortailFamille.Domain.Common;
using PortailFamille.Domain.Families;
using Wolverine.Http;
using Wolverine.Marten;

namespace PortailFamille.Api.Families;

public sealed record ChangeQuotientFamilial(int QuotientFamilial, LocalDate EffectiveFrom);

public static class ChangeQuotientFamilialEndpoint
{
    public static ProblemDetails Validate(ChangeQuotientFamilial command, [NotBody] Family? family)
    {
        if (family is null) return FamilyProblems.NoSuchFamily;
        var errors = new Errors();
        FamilyRules.CheckQuotient(errors, "quotientFamilial", command.QuotientFamilial);
        return Problems.InvalidDetails(errors);
    }

    [WolverinePut("/api/staff/families/{familyId}/quotient-familial"), Tags("Familles")]
    [EndpointSummary("Mettre à jour le quotient familial")]
    [EndpointDescription("Agents. Le nouveau quotient et sa date d'effet ; les mois déjà facturés ne changent pas.")]
    [Authorize(Roles = Roles.Staff)]
    [ProducesResponseType(204), ProducesResponseType<ValidationProblemDetails>(400), ProducesResponseType<ProblemDetails>(404)]
    public static (IResult, Events) Put(ChangeQuotientFamilial command, [WriteAggregate("familyId", Required = false)] Family family,
        CurrentUser user, Moment moment) =>
        (Results.NoContent(), [FamilyContact.ChangeQuotient(family, command.QuotientFamilial, command.EffectiveFrom, user.Actor, moment.At)]);
}
