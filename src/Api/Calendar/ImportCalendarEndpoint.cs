using System.Text.Json;
using Marten;
using Microsoft.AspNetCore.Authorization;
using NodaTime;
using PortailFamille.Api.Infrastructure;
using PortailFamille.Domain.Accounts;
using PortailFamille.Domain.Calendar;
using Wolverine.Http;

namespace PortailFamille.Api.Calendar;

public sealed record CalendarImported(int Read, IReadOnlyList<CalendarPeriod> Added);

public static class ImportCalendarEndpoint
{
    public const long MaxFileBytes = 2_000_000;

    /// <summary>
    /// Imports the Ministry's school calendar export (JSON records of "fr-en-calendrier-scolaire",
    /// or an ICS file with Content-Type text/calendar) for the commune's zone. Periods already
    /// recorded with the same days are skipped, so importing twice adds nothing.
    /// </summary>
    [WolverinePost("/api/staff/calendar/import"), Tags("Calendrier")]
    [EndpointSummary("Importer le calendrier scolaire officiel")]
    [EndpointDescription("Agents. Un export du jeu « fr-en-calendrier-scolaire » (JSON) ou un fichier ICS de la zone ; les périodes déjà connues ne sont pas ajoutées deux fois, les nouvelles passent par le même traitement qu'une fermeture.")]
    [Authorize(Roles = Roles.Staff)]
    [ProducesResponseType<CalendarImported>(200)]
    public static async Task<IResult> Post(HttpRequest request, IQuerySession session, Bookings.BookingDesk desk, IClock clock,
        CommuneSettings commune, [NotBody] CurrentUser user, CancellationToken cancellation)
    {
        if (request.ContentLength is > MaxFileBytes) return Problems.BadRequest("Le fichier dépasse 2 Mo.");
        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync(cancellation);
        var now = clock.GetCurrentInstant();
        var source = $"import:{now}";
        IReadOnlyList<CalendarPeriod> periods;
        try
        {
            periods = request.ContentType?.StartsWith("text/calendar", StringComparison.OrdinalIgnoreCase) == true
                ? OfficialCalendarImport.FromIcs(text, commune.SchoolZone, source)
                : OfficialCalendarImport.FromJson(text, commune.SchoolZone, commune.Zone, source);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or ArgumentException or KeyNotFoundException)
        {
            return Problems.BadRequest("Le fichier n'est pas un export du calendrier scolaire lisible (JSON du jeu « fr-en-calendrier-scolaire » ou ICS).");
        }

        var calendar = await session.LoadAsync<CommuneCalendar>(CommuneCalendar.StreamId, cancellation);
        var added = CommuneCalendar.NotYetRecorded(calendar, periods);
        // The same closure work as a staff closure: days booked in a new holiday are cancelled free of charge.
        var answer = Results.Ok(new CalendarImported(periods.Count, added));
        return added.Count == 0 ? answer
            : await desk.AnswerAsync<object>(new Bookings.ClosureWork(added, user.Actor), _ => answer, cancellation);
    }
}

public static class CalendarPeriodsEndpoint
{
    [WolverineGet("/api/staff/calendar/periods"), Tags("Calendrier")]
    [EndpointSummary("Les périodes de fermeture")]
    [EndpointDescription("Agents. Vacances, fermetures et leur origine (livrées, importées, saisies).")]
    [Authorize(Roles = Roles.Staff)]
    [ProducesResponseType<CalendarPeriod[]>(200)]
    public static async Task<List<CalendarPeriod>> Get(IQuerySession session, CancellationToken cancellation) =>
        ((await session.LoadAsync<CommuneCalendar>(CommuneCalendar.StreamId, cancellation))?.Periods ?? []).OrderBy(p => p.From).ToList();
}

public static class RemoveCalendarPeriodEndpoint
{
    public static Task<JasperFx.Events.IEventStream<CommuneCalendar>> LoadAsync(IDocumentSession session, CancellationToken cancellation) =>
        session.Events.FetchForWriting<CommuneCalendar>(CommuneCalendar.StreamId, cancellation);

    public static Microsoft.AspNetCore.Mvc.ProblemDetails Validate(Guid periodId, [NotBody] JasperFx.Events.IEventStream<CommuneCalendar> calendar) =>
        calendar.Aggregate?.Periods.Any(p => p.PeriodId == periodId) == true ? Wolverine.Http.WolverineContinue.NoProblems
            : Problems.NotFoundDetails("Aucune période avec cet identifiant.");

    /// <summary>Removes a wrongly recorded holiday period or closure (the removal stays in the stream).</summary>
    [WolverineDelete("/api/staff/calendar/periods/{periodId}"), Tags("Calendrier")]
    [EndpointSummary("Supprimer une période de fermeture")]
    [EndpointDescription("Agents. Les jours rouvrent à la réservation ; une période livrée supprimée le reste après un redémarrage.")]
    [Authorize(Roles = Roles.Staff)]
    [ProducesResponseType(204), ProducesResponseType<Microsoft.AspNetCore.Mvc.ProblemDetails>(404)]
    public static (IResult, OtherStreams) Delete(Guid periodId, [NotBody] JasperFx.Events.IEventStream<CommuneCalendar> calendar,
        [NotBody] CurrentUser user, [NotBody] Moment moment) =>
        (Results.NoContent(), new OtherStreams().Append(calendar, Closures.Remove(calendar.Aggregate, periodId, user.Actor, moment.At)!));
}
