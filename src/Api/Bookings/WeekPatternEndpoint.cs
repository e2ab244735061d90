using System.Security.Claims;
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

public static class WeekPatternEndpoint
{
    public const int MaxInscriptions = 10;
    public const int MaxChanges = 1000;

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
    public static async Task<IResult> Post(RequestWeekPattern request, ClaimsPrincipal principal, IQuerySession session, RulesLoader rules,
        BookingDesk desk, CancellationToken cancellation)
    {
        var weekdays = request.Days.Select(d => PortailFamille.Api.Activities.Weekdays.Parse(d.Weekday)).ToList();
        var errors = new Errors()
            .Require(request.InscriptionIds.Length is > 0 and <= MaxInscriptions, "inscriptionIds", $"Choisissez de 1 à {MaxInscriptions} inscriptions.")
            .Require(request.InscriptionIds.Distinct().Count() == request.InscriptionIds.Length, "inscriptionIds", "Une inscription ne peut figurer qu'une fois.")
            .Require(request.From <= request.To, "to", "La date de fin doit être postérieure ou égale à la date de début.")
            .Require(Period.Between(request.From, request.To, PeriodUnits.Days).Days < WeekPattern.MaxRangeDays, "to", $"La période ne doit pas dépasser {WeekPattern.MaxRangeDays} jours.")
            .Require(request.Days.Length is > 0 and <= 35, "days", "Indiquez de 1 à 35 jours de semaine type.")
            .Require(weekdays.All(w => w is not null), "days", "Le jour doit être monday, tuesday, wednesday, thursday, friday, saturday ou sunday.")
            .Require(request.Days.All(d => d.Unit is { Length: > 0 and <= 40 }), "days", "L'unité est obligatoire (40 caractères au plus).")
            .Require(request.Action is BookingActions.Book or BookingActions.Cancel, "action", "L'action doit être « book » ou « cancel ».");

        // Every inscription must be the caller's (staff: any): one that is not answers 404 for the whole request.
        var inscriptions = new List<Inscription>();
        foreach (var id in request.InscriptionIds.Distinct().Take(MaxInscriptions))
        {
            if (await InscriptionAccess.LoadAsync(session, id, principal, cancellation) is not { } inscription) return Problems.NotFound(InscriptionAccess.NotFound);
            inscriptions.Add(inscription);
        }
        if (errors.Any) return Problems.Invalid(errors);

        var pattern = request.Days.Zip(weekdays, (d, w) => new PatternDay(w!.Value, d.Unit)).Distinct().ToList();
        var user = CurrentUser.From(principal);
        var parts = new List<ReserveWork>();
        foreach (var inscription in inscriptions)
        {
            if (await rules.ForAsync(inscription.ActivityCode, cancellation) is not { } dayRules) return Problems.NotFound("L'activité de cette inscription n'existe plus.");
            var changes = WeekPattern.Changes(inscription, dayRules, request.From, request.To, pattern, request.Action);
            parts.Add(new ReserveWork(inscription.Id, changes, user.Actor, user.Role == Roles.Staff ? null : user.FamilyId ?? Guid.Empty));
        }
        var total = parts.Sum(p => p.ChangeCount);
        if (total == 0) return Problems.Invalid("days", "Aucun jour ouvert de la période ne correspond à cette semaine type pour ces inscriptions.");
        if (total > MaxChanges) return Problems.Invalid("to", $"Cette semaine type donne {total} jours (au plus {MaxChanges}) : raccourcissez la période.");

        return await desk.AnswerAsync<List<IReadOnlyList<ChangeOutcome>?>>(new SeveralWork(parts), outcomes => outcomes is null || outcomes.Any(o => o is null)
                ? Problems.NotFound(InscriptionAccess.NotFound)
                : Results.Ok(new WeekPatternResults(inscriptions.Zip(outcomes, (i, o) => new InscriptionResults(i.Id,
                    o!.Select(r => new ReservationResult(r.Date, r.Unit, r.Outcome, r.Reason, r.State)).ToList())).ToList())),
            cancellation);
    }
}
