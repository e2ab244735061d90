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
    TariffDto[] Tariffs, string[]? MealUnits = null);

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
        var created = Check(command, errors, user.Actor, moment.At);
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

    internal static ActivityCreated? Check(CreateActivity c, Errors errors, Actor by, Instant now)
    {
        errors.Require(ActivityRules.IsCode(c.Code), "code", "Le code doit contenir de 1 à 40 lettres, chiffres, « _ » ou « - ».")
            .RequireText(c.Label, "label", "Le libellé")
            .RequireText(c.Equipment, "equipment", "L'équipement")
            .Require(c.From <= c.To, "to", "La date de fin doit être postérieure ou égale à la date de début.")
            .Require(ActivityRules.IsValidationMode(c.Validation), "validation", ActivityRules.ValidationModeRule);
        var weekdays = c.Weekdays.Select(Activities.Weekdays.Parse).ToList();
        errors.Require(weekdays.Count > 0 && weekdays.All(d => d is not null) && weekdays.Distinct().Count() == weekdays.Count,
            "weekdays", "Les jours doivent être des jours de la semaine distincts (monday … sunday).");
        errors.Require(c.Units.Length > 0 && c.Units.All(ActivityRules.IsCode) && c.Units.Distinct().Count() == c.Units.Length,
            "units", "Les unités doivent être des codes distincts (lettres, chiffres, « _ » ou « - »).");
        var mealUnits = c.MealUnits ?? [];
        errors.Require(mealUnits.All(c.Units.Contains) && mealUnits.Distinct().Count() == mealUnits.Length,
            "mealUnits", "Les unités repas doivent faire partie des unités de l'activité.");
        errors.Require(c.Groups.Length > 0 && c.Groups.All(g => ActivityRules.IsCode(g.Code)) && c.Groups.DistinctBy(g => g.Code).Count() == c.Groups.Length,
            "groups", "Les groupes doivent être des codes distincts.");
        foreach (var group in c.Groups)
        {
            errors.Require(c.Units.All(group.Capacity.ContainsKey) && group.Capacity.Keys.All(c.Units.Contains),
                $"groups.{group.Code}.capacity", "Chaque groupe doit avoir une capacité pour chaque unité, et seulement pour elles.");
            foreach (var capacity in group.Capacity.Values) ActivityRules.CheckCapacity(errors, $"groups.{group.Code}.capacity", capacity);
        }
        var booking = c.BookingDeadline.ToDeadline(errors, "bookingDeadline");
        var cancellation = c.CancellationDeadline.ToDeadline(errors, "cancellationDeadline");
        ActivityRules.CheckTariffs(errors, "tariffs", c.Tariffs.Select(t => t.ToBracket()).ToList(), c.Units);
        if (errors.Any) return null;

        return new ActivityCreated(Activity.StreamIdFor(c.Code), c.Code, c.Label.Trim(), c.Equipment.Trim(), c.From, c.To,
            weekdays.Select(d => d!.Value).Order().ToList(), c.Units, mealUnits,
            c.Groups.Select(g => new GroupCapacity(g.Code, g.Capacity)).ToList(), booking!, cancellation!, c.Validation,
            c.Tariffs.Select(t => t.ToBracket()).OrderBy(t => t.FromQf).ToList(), by, now);
    }
}
