using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using PortailFamille.Api.Infrastructure;
using PortailFamille.Domain.Accounts;
using PortailFamille.Domain.Calendar;
using PortailFamille.Domain.Common;
using Wolverine.Http;

namespace PortailFamille.Api.Calendar;

public sealed record CalendarDay(LocalDate Date, bool Closed, ClosureReason? Reason, string? Label);

/// <summary>The range asked, as read from the query string.</summary>
public sealed record CalendarRange(LocalDate? From, LocalDate? To, Errors Errors);

public static class GetCalendarEndpoint
{
    public const int MaxDays = Closures.MaxDays;

    public static CalendarRange Load(string? from, string? to)
    {
        var errors = new Errors();
        var (start, end) = (Dates.Parse(from, "from", errors), Dates.Parse(to, "to", errors));
        if (start is { } s && end is { } e) Closures.CheckRange(errors, s, e);
        return new CalendarRange(start, end, errors);
    }

    public static ProblemDetails Validate(CalendarRange range) => Problems.InvalidDetails(range.Errors);

    /// <summary>Every date of the range: closed or not, and why (weekends are closed with no reason).</summary>
    [WolverineGet("/api/calendar"), Tags("Calendrier")]
    [EndpointSummary("Le calendrier de la commune")]
    [EndpointDescription("Connectés. Pour chaque jour de la période (?from=&to=) : ouvert, ou fermé et pourquoi (vacances scolaires, jour férié, fermeture).")]
    [Authorize(Roles = Roles.Anyone)]
    [ProducesResponseType<CalendarDay[]>(200), ProducesResponseType<ValidationProblemDetails>(400)]
    public static async Task<List<CalendarDay>> Get([NotBody] CalendarRange range, Bookings.RulesLoader rules, CancellationToken cancellation)
    {
        var calendar = await rules.CalendarAsync(cancellation);
        var days = new List<CalendarDay>();
        for (var day = range.From!.Value; day <= range.To!.Value; day = day.PlusDays(1))
        {
            var info = calendar.Describe(day);
            days.Add(new CalendarDay(info.Date, info.Closed, info.Reason, info.Label));
        }
        return days;
    }
}

public sealed record AddClosure(LocalDate From, LocalDate To, string Reason, string Label);

public sealed record ClosureAdded(Guid PeriodId);

public static class AddClosureEndpoint
{
    public static ProblemDetails Validate(AddClosure command) =>
        Problems.InvalidDetails(Closures.Check(command.From, command.To, command.Reason, command.Label));

    /// <summary>Adds a school-holiday period or a closure (e.g. a "pont"); those days become closed.</summary>
    [WolverinePost("/api/staff/calendar/closures"), Tags("Calendrier")]
    [EndpointSummary("Ajouter une fermeture ou des vacances")]
    [EndpointDescription("Agents. Les jours fermés : réservations annulées sans frais, demandes et listes d'attente retirées, familles prévenues par courriel, jours jamais facturés.")]
    [Authorize(Roles = Roles.Staff)]
    [ProducesResponseType<ClosureAdded>(201), ProducesResponseType<ValidationProblemDetails>(400)]
    public static Task<IResult> Post(AddClosure command, Bookings.BookingDesk desk, CurrentUser user, CancellationToken cancellation)
    {
        var period = Closures.Close(Guid.NewGuid(), command.From, command.To, Closures.StaffReason(command.Reason)!.Value, command.Label);
        // Through the booking desk: the closed days' bookings are cancelled free in the same transaction.
        return desk.AnswerAsync<object>(new Bookings.ClosureWork(period, user.Actor),
            _ => Results.Created($"/api/staff/calendar/periods/{period.PeriodId}", new ClosureAdded(period.PeriodId)), cancellation);
    }
}
