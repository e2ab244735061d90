using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using PortailFamille.Api.Infrastructure;
using PortailFamille.Domain.Accounts;
using PortailFamille.Domain.Activities;
using PortailFamille.Domain.Common;
using Wolverine.Http;
using Wolverine.Marten;

namespace PortailFamille.Api.Activities;

public sealed record CreateActivity(
    string Code, string Label, string Equipment, LocalDate From, LocalDate To, string[] Weekdays, string[] Units,
    GroupDto[] Groups, DeadlineDto BookingDeadline, DeadlineDto CancellationDeadline, string Validation,
    TariffDto[] Tariffs, string[]? MealUnits = null)
{
    /// <summary>The description the domain checks; unreadable deadlines are told in <paramref name="errors"/>.</summary>
    public ActivityDescription Describe(Errors errors) => new(Code, Label, Equipment, From, To, Weekdays, Units, MealUnits ?? [],
        [.. Groups.Select(g => new GroupCapacity(g.Code, g.Capacity))], BookingDeadline.ToDeadline(errors, "bookingDeadline"),
        CancellationDeadline.ToDeadline(errors, "cancellationDeadline"), Validation, [.. Tariffs.Select(t => t.ToBracket())]);
}

public sealed record ActivityCreatedResponse(string Code);

/// <summary>The activity a creation body describes; null with the errors when it does not hold together.</summary>
public sealed record ActivityDraft(ActivityCreated? Created, Errors Errors, bool CodeTaken);

public static class CreateActivityEndpoint
{
    /// <summary>The activity the body describes (null, with the errors, when it does not hold together), and whether its code is taken.</summary>
    public static async Task<ActivityDraft> LoadAsync(CreateActivity command, IDocumentSession session, CurrentUser user, Moment moment,
        CancellationToken cancellation)
    {
        var errors = new Errors();
        var created = ActivityCreation.Create(command.Describe(errors), errors, user.Actor, moment.At);
        var taken = created is not null && await session.Events.FetchStreamStateAsync(created.ActivityId, cancellation) is not null;
        return new ActivityDraft(created, errors, taken);
    }

    public static ProblemDetails Validate(CreateActivity command, [NotBody] ActivityDraft draft) =>
        draft.Created is null ? Problems.InvalidDetails(draft.Errors)
        : draft.CodeTaken ? Problems.ConflictDetails($"Une activité de code {command.Code} existe déjà.")
        : WolverineContinue.NoProblems;

    [WolverinePost("/api/staff/activities"), Tags("Activités")]
    [EndpointSummary("Créer une activité")]
    [EndpointDescription("Agents. Code, libellé, équipement, période, jours, unités, groupes avec leurs capacités, délais, validation (automatique ou par la mairie) et tarifs. Un code déjà pris : 409.")]
    [Authorize(Roles = Roles.Staff)]
    [ProducesResponseType<ActivityCreatedResponse>(201), ProducesResponseType<ValidationProblemDetails>(400), ProducesResponseType<ProblemDetails>(409)]
    public static (IResult, IStartStream) Post(CreateActivity command, [NotBody] ActivityDraft draft, IDocumentSession session)
    {
        var created = draft.Created!;
        // The activity's seat rows, created in the same transaction.
        Bookings.SeatLedgerStore.QueueSeatsFor(session, created);
        return (Results.Created($"/api/activities/{created.Code}", new ActivityCreatedResponse(created.Code)),
            MartenOps.StartStream<Activity>(created.ActivityId, created));
    }
}
