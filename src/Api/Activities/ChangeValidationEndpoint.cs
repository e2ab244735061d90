using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using PortailFamille.Api.Infrastructure;
using PortailFamille.Domain.Accounts;
using PortailFamille.Domain.Activities;
using PortailFamille.Domain.Common;
using Wolverine.Http;

namespace PortailFamille.Api.Activities;

public sealed record ChangeValidation(string Validation);

public static class ChangeValidationEndpoint
{
    public static Task<IEventStream<Activity>?> LoadAsync(string code, IDocumentSession session, CancellationToken cancellation) =>
        ActivityLookup.FetchForWritingAsync(session, code, cancellation);

    public static ProblemDetails Validate(ChangeValidation command, [NotBody] IEventStream<Activity>? stream) =>
        stream?.Aggregate is null ? ActivityLookup.NoSuchActivity
        : Problems.InvalidDetails(new Errors().Require(ActivityRules.IsValidationMode(command.Validation), "validation", ActivityRules.ValidationModeRule));

    /// <summary>Switches between automatic decisions and decisions by the mairie, for the requests made from now on.</summary>
    [WolverinePut("/api/staff/activities/{code}/validation"), Tags("Activités")]
    [EndpointSummary("Changer le mode de validation")]
    [EndpointDescription("Agents. « automatic » : les demandes sont décidées aussitôt, dans la limite des places ; « manual » : elles attendent " +
                         "la décision de la mairie. Vaut pour les demandes faites à partir de maintenant ; celles qui attendent déjà restent à " +
                         "décider par la mairie (ou sont refusées à leur date limite). Le même mode : rien n'est enregistré.")]
    [Authorize(Roles = Roles.Staff)]
    [ProducesResponseType(204), ProducesResponseType<ValidationProblemDetails>(400), ProducesResponseType<ProblemDetails>(404)]
    public static IResult Put(ChangeValidation command, [NotBody] IEventStream<Activity> stream, [NotBody] CurrentUser user, IClock clock)
    {
        stream.AppendMany(ActivityRules.ChangeValidation(stream.Aggregate!, command.Validation, user.Actor, clock.GetCurrentInstant()));
        return Results.NoContent();
    }
}
