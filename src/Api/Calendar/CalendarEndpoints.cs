using Marten;
using Microsoft.AspNetCore.Authorization;
using NodaTime;
using PortailFamille.Api.Infrastructure;
using PortailFamille.Domain.Accounts;
using PortailFamille.Domain.Calendar;
using PortailFamille.Domain.Common;
using Wolverine.Http;

namespace PortailFamille.Api.Calendar;

public sealed record CalendarDay(LocalDate Date, bool Closed, string? Reason, string? Label);

public static class GetCalendarEndpoint
{
    public const int MaxDays = 400;

    /// <summary>Every date of the range: closed or not, and why (weekends are closed with no reason).</summary>
    [WolverineGet("/api/calendar"), Tags("Calendrier")]
    [EndpointSummary("Le calendrier de la commune")]
    [EndpointDescription("Connectés. Pour chaque jour de la période (?from=&to=) : ouvert, ou fermé et pourquoi (vacances scolaires, jour férié, fermeture).")]
    [Authorize(Roles = Roles.Anyone)]
    [ProducesResponseType<CalendarDay[]>(200)]
    public static async Task<IResult> Get(string? from, string? to, Bookings.RulesLoader rules, CancellationToken cancellation)
    {
        var errors = new Errors();
        var start = Dates.Parse(from, "from", errors);
        var end = Dates.Parse(to, "to", errors);
        if (start is { } s && end is { } e)
        {
            errors.Require(s <= e, "to", "La date de fin doit être postérieure ou égale à la date de début.");
            errors.Require(Period.Between(s, e, PeriodUnits.Days).Days < MaxDays, "to", $"La période demandée ne doit pas dépasser {MaxDays} jours.");
        }
        if (errors.Any) return Problems.Invalid(errors);

        var calendar = await rules.CalendarAsync(cancellation);
        var days = new List<CalendarDay>();
        for (var day = start!.Value; day <= end!.Value; day = day.PlusDays(1))
        {
            var info = calendar.Describe(day);
            days.Add(new CalendarDay(info.Date, info.Closed, info.Reason, info.Label));
        }
        return Results.Ok(days);
    }
}

public sealed record AddClosure(LocalDate From, LocalDate To, string Reason, string Label);

public sealed record ClosureAdded(Guid PeriodId);

public static class AddClosureEndpoint
{
    /// <summary>Adds a school-holiday period or a closure (e.g. a "pont"); those days become closed.</summary>
    [WolverinePost("/api/staff/calendar/closures"), Tags("Calendrier")]
    [EndpointSummary("Ajouter une fermeture ou des vacances")]
    [EndpointDescription("Agents. Les jours fermés : réservations annulées sans frais, demandes et listes d'attente retirées, familles prévenues par courriel, jours jamais facturés.")]
    [Authorize(Roles = Roles.Staff)]
    [ProducesResponseType<ClosureAdded>(201)]
    public static async Task<IResult> Post(AddClosure command, Bookings.BookingDesk desk, System.Security.Claims.ClaimsPrincipal principal,
        CancellationToken cancellation)
    {
        var errors = new Errors()
            .Require(command.From <= command.To, "to", "La date de fin doit être postérieure ou égale à la date de début.")
            .Require(Period.Between(command.From, command.To, PeriodUnits.Days).Days < GetCalendarEndpoint.MaxDays, "to", "La fermeture ne doit pas dépasser 400 jours.")
            .Require(command.Reason is ClosureReasons.SchoolHoliday or ClosureReasons.Closure, "reason", "Le motif doit être « school-holiday » ou « closure ».")
            .RequireText(command.Label, "label", "Le libellé");
        if (errors.Any) return Problems.Invalid(errors);

        var period = new CalendarPeriod(Guid.NewGuid(), command.From, command.To, command.Reason, command.Label.Trim(), "staff");
        // Through the booking desk: the closed days' bookings are cancelled free in the same transaction.
        return await desk.AnswerAsync<object>(new Bookings.ClosureWork(period, CurrentUser.From(principal).Actor),
            _ => Results.Created($"/api/staff/calendar/periods/{period.PeriodId}", new ClosureAdded(period.PeriodId)), cancellation);
    }
}
