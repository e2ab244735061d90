using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using PortailFamille.Api.Infrastructure;
using PortailFamille.Domain.Accounts;
using PortailFamille.Domain.Bookings;
using PortailFamille.Domain.Common;
using PortailFamille.Domain.Inscriptions;
using Wolverine.Http;

namespace PortailFamille.Api.Bookings;

public sealed record PatternDayDto(string Weekday, string Unit);

public sealed record RequestWeekPattern(Guid[] InscriptionIds, LocalDate From, LocalDate To, PatternDayDto[] Days, string Action);

public sealed record InscriptionResults(Guid InscriptionId, IReadOnlyList<ReservationResult> Results);

public sealed record WeekPatternResults(IReadOnlyList<InscriptionResults> Inscriptions);

/// <summary>What a semaine type will decide: each of the caller's inscriptions with its changes (null: one is not the caller's).</summary>
public sealed record PatternPlan(IReadOnlyList<(Inscription Inscription, IReadOnlyList<Change> Changes)>? Found)
{
    public int Changes => Found?.Sum(p => p.Changes.Count) ?? 0;
}

public static class WeekPatternEndpoint
{
    public const int MaxInscriptions = 10;
    public const int MaxChanges = 1000;

    private static List<PatternDay>? Pattern(RequestWeekPattern request)
    {
        var weekdays = request.Days.Select(d => Domain.Activities.Weekdays.Parse(d.Weekday)).ToList();
        return weekdays.Any(w => w is null) ? null : request.Days.Zip(weekdays, (d, w) => new PatternDay(w!.Value, d.Unit)).Distinct().ToList();
    }

    /// <summary>A week pattern books or cancels; withdrawing is decided day by day.</summary>
    private static BookingAction? Action(RequestWeekPattern request) =>
        Vocabulary.TryParse(request.Action, out BookingAction action) && action is BookingAction.Book or BookingAction.Cancel ? action : null;

    private static bool SaneRange(RequestWeekPattern request) =>
        request.From <= request.To && Period.Between(request.From, request.To, PeriodUnits.Days).Days < WeekPattern.MaxRangeDays;

    /// <summary>Every inscription must be the caller's (staff: any); each one's changes come from the pattern and its own rules.</summary>
    public static async Task<PatternPlan> LoadAsync(RequestWeekPattern request, [NotBody] CurrentUser user, IQuerySession session, RulesLoader rules,
        CancellationToken cancellation)
    {
        var pattern = SaneRange(request) ? Pattern(request) : null;
        var action = Action(request);
        var found = new List<(Inscription, IReadOnlyList<Change>)>();
        foreach (var id in request.InscriptionIds.Distinct().Take(MaxInscriptions))
        {
            if (await InscriptionAccess.LoadAsync(session, id, user, cancellation) is not { } inscription
                || await rules.ForAsync(inscription.ActivityCode, cancellation) is not { } dayRules) return new PatternPlan(null);
            found.Add((inscription, pattern is null || action is null ? [] : WeekPattern.Changes(inscription, dayRules, request.From, request.To, pattern, action.Value)));
        }
        return new PatternPlan(found);
    }

    /// <summary>404 first (an inscription that is not the caller's names nothing), then the body's own checks, then the days it gives.</summary>
    public static ProblemDetails Validate(RequestWeekPattern request, [NotBody] PatternPlan plan)
    {
        if (plan.Found is null) return Problems.NotFoundDetails(InscriptionAccess.NotFound);
        var errors = new Errors()
            .Require(request.InscriptionIds.Length is > 0 and <= MaxInscriptions, "inscriptionIds", $"Choisissez de 1 à {MaxInscriptions} inscriptions.")
            .Require(request.InscriptionIds.Distinct().Count() == request.InscriptionIds.Length, "inscriptionIds", "Une inscription ne peut figurer qu'une fois.")
            .Require(request.From <= request.To, "to", "La date de fin doit être postérieure ou égale à la date de début.")
            .Require(SaneRange(request) || request.From > request.To, "to", $"La période ne doit pas dépasser {WeekPattern.MaxRangeDays} jours.")
            .Require(request.Days.Length is > 0 and <= 35, "days", "Indiquez de 1 à 35 jours de semaine type.")
            .Require(Pattern(request) is not null, "days", "Le jour doit être monday, tuesday, wednesday, thursday, friday, saturday ou sunday.")
            .Require(request.Days.All(d => d.Unit is { Length: > 0 and <= 40 }), "days", "L'unité est obligatoire (40 caractères au plus).")
            .Require(Action(request) is not null, "action", "L'action doit être « book » ou « cancel ».");
        if (errors.Any) return Problems.InvalidDetails(errors);
        errors.Require(plan.Changes > 0, "days", "Aucun jour ouvert de la période ne correspond à cette semaine type pour ces inscriptions.")
            .Require(plan.Changes <= MaxChanges, "to", $"Cette semaine type donne {plan.Changes} jours (au plus {MaxChanges}) : raccourcissez la période.");
        return Problems.InvalidDetails(errors, errors.Any ? "La semaine type ne donne aucun jour à décider, ou trop." : "");
    }

    /// <summary>A semaine type, for one child or several at once: every open day of the range on a pattern weekday is
    /// booked (or cancelled) with the usual deadlines, capacity and waitlist, all decided in one transaction.</summary>
    [WolverinePost("/api/reservations/week-pattern"), Tags("Réservations")]
    [Authorize(Roles = $"{Roles.Parent},{Roles.Staff}")]
    [EndpointSummary("Semaine type : réserver ou annuler les mêmes jours chaque semaine, pour un ou plusieurs enfants")]
    [EndpointDescription("Les jours de la semaine type (jour et unité, par exemple lundi REPAS, mardi SOIR) sont appliqués à chaque jour ouvert " +
                         "de la période, pour chacune des inscriptions données (les frères et sœurs d'une même famille). Les jours fermés (vacances, " +
                         "jours fériés, jours sans accueil, hors période d'inscription) et les unités qu'une activité n'a pas sont passés. Chaque jour " +
                         "est décidé comme un clic dans le planning : date limite, places, liste d'attente ; tout est décidé dans une même transaction. " +
                         "Réponse : pour chaque inscription, un résultat par jour (réservé, en attente, liste d'attente, refusé et pourquoi). " +
                         "Une inscription d'une autre famille : 404.")]
    [ProducesResponseType<WeekPatternResults>(200), ProducesResponseType<ProblemDetails>(400), ProducesResponseType<ProblemDetails>(404)]
    public static Task<IResult> Post(RequestWeekPattern request, [NotBody] PatternPlan plan, [NotBody] CurrentUser user, BookingDesk desk,
        CancellationToken cancellation)
    {
        var found = plan.Found!;
        var parts = found.Select(p => new ReserveWork(p.Inscription.Id, p.Changes, user.Actor, user.Role == Roles.Staff ? null : user.FamilyId ?? Guid.Empty)).ToList();
        return desk.AnswerAsync<List<IReadOnlyList<ChangeOutcome>?>>(new SeveralWork(parts), outcomes => outcomes is null || outcomes.Any(o => o is null)
                ? Problems.NotFound(InscriptionAccess.NotFound)
                : Results.Ok(new WeekPatternResults(found.Zip(outcomes, (p, o) => new InscriptionResults(p.Inscription.Id,
                    o!.Select(r => new ReservationResult(r.Date, r.Unit, r.Outcome, r.Reason, r.State)).ToList())).ToList())),
            cancellation);
    }
}
