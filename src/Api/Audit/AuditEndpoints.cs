using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using NodaTime.Text;
using PortailFamille.Api.Bookings;
using PortailFamille.Api.Infrastructure;
using PortailFamille.Domain.Accounts;
using PortailFamille.Domain.Activities;
using PortailFamille.Domain.Audit;
using PortailFamille.Domain.Calendar;
using PortailFamille.Domain.Common;
using PortailFamille.Domain.Inscriptions;
using PortailFamille.Projections.Planning;
using Wolverine.Http;

namespace PortailFamille.Api.Audit;

public sealed record AuditEvent(long Sequence, Instant At, string Type, string By, JsonElement Data, string Explanation, string? CorrelationId,
    string? CausationId);

public sealed record AuditTimeline(Guid InscriptionId, IReadOnlyList<AuditEvent> Events);

/// <summary>The inscription's stream, read once (empty: no such inscription).</summary>
public sealed record InscriptionStream(IReadOnlyList<IEvent> Events)
{
    public InscriptionOpened? Opened => Events.Count > 0 ? Events[0].Data as InscriptionOpened : null;
}

/// <summary>Replaying an inscription's history for a dispute: every fact with who, when and why.</summary>
public static class AuditTimelineEndpoint
{
    public static async Task<InscriptionStream> LoadAsync(Guid id, IQuerySession session, CancellationToken cancellation) =>
        new(await session.Events.FetchStreamAsync(id, token: cancellation));

    public static ProblemDetails Validate(string? date, InscriptionStream stream)
    {
        var errors = new Errors();
        if (date is not null) Dates.Parse(date, "date", errors);
        return errors.Any ? Problems.InvalidDetails(errors) : stream.Opened is null ? AuditEvents.NoInscription : WolverineContinue.NoProblems;
    }

    /// <summary>The stream's events (those touching <paramref name="date"/> when given, with the inscription's own changes),
    /// each with its recorded instant, its author and a French explanation built from its evidence.</summary>
    [WolverineGet("/api/staff/audit/inscriptions/{id}"), Tags("Audit")]
    [EndpointSummary("Rejouer l'historique d'une inscription")]
    [EndpointDescription("Agents. Chaque événement du flux de l'inscription, avec son auteur, son instant et son explication en français ; avec ?date=, seulement ceux qui touchent ce jour.")]
    [Authorize(Roles = Roles.Staff)]
    [ProducesResponseType<AuditTimeline>(200), ProducesResponseType<ValidationProblemDetails>(400), ProducesResponseType<ProblemDetails>(404)]
    public static async Task<AuditTimeline> Get(Guid id, string? date, [NotBody] InscriptionStream stream, IQuerySession session, CommuneSettings commune,
        Privacy.AccessJournal journal, [NotBody] CurrentUser user, CancellationToken cancellation)
    {
        var day = date is null ? null : Dates.Parse(date, "date", new Errors());
        await journal.RecordAsync(stream.Opened!.FamilyId, user.Actor.ToString(), Privacy.AccessKinds.Audit(id), cancellation);
        var serializer = session.DocumentStore.Options.Serializer();
        return new AuditTimeline(id, stream.Events
            .Where(e => day is not { } d || Explanation.IsAboutTheInscription(e.Data) || Explanation.DaysOf(e.Data).Contains(d))
            .Select(e => AuditEvents.Describe(e, serializer, commune.Zone))
            .ToList());
    }
}

/// <summary>The month and instant asked, as read from the query string.</summary>
public sealed record AsOfQuery(YearMonth? Month, Instant? AsOf, Errors Errors);

public static class AuditPlanningEndpoint
{
    public static async Task<(AsOfQuery, Inscription?)> LoadAsync(Guid id, string? month, string? asOf, IQuerySession session, CancellationToken cancellation)
    {
        var errors = new Errors();
        var parsedMonth = Dates.ParseMonth(month, "month", errors);
        var instant = InstantPattern.ExtendedIso.Parse(asOf ?? "");
        errors.Require(instant.Success, "asOf", "L'instant doit être au format ISO-8601 UTC, par exemple 2026-10-01T08:00:00Z.");
        return (new AsOfQuery(parsedMonth, instant.Success ? instant.Value : null, errors), await session.LoadAsync<Inscription>(id, cancellation));
    }

    public static ProblemDetails Validate(AsOfQuery query, [NotBody] Inscription? current) =>
        query.Errors.Any ? Problems.InvalidDetails(query.Errors) : current is null ? AuditEvents.NoInscription : WolverineContinue.NoProblems;

    /// <summary>The grid as it stood at the instant asked: the inscription, its activity's rules and the calendar replayed
    /// from the events recorded up to that instant (their own instant, not the database's). The look is recorded even when
    /// the inscription did not exist yet then.</summary>
    [WolverineGet("/api/staff/audit/inscriptions/{id}/planning"), Tags("Audit")]
    [EndpointSummary("Le planning d'une inscription à un instant donné")]
    [EndpointDescription("Agents. Le planning du mois reconstruit à partir des seuls événements antérieurs à l'instant donné, pour trancher un litige.")]
    [Authorize(Roles = Roles.Staff)]
    [ProducesResponseType<PlanningMonth>(200), ProducesResponseType<ValidationProblemDetails>(400), ProducesResponseType<ProblemDetails>(404)]
    public static async Task<IResult> Get(Guid id, [NotBody] AsOfQuery query, [NotBody] Inscription current, IQuerySession session,
        PublicHolidays holidays, CommuneSettings commune, Privacy.AccessJournal journal, [NotBody] CurrentUser user, CancellationToken cancellation)
    {
        await journal.RecordAsync(current.FamilyId, user.Actor.ToString(), Privacy.AccessKinds.Audit(id), cancellation);
        var instant = query.AsOf!.Value;
        var inscription = await AuditEvents.AsOfAsync<Inscription>(session, id, instant, cancellation);
        if (inscription is null) return Problems.NotFound("Cette inscription n'existait pas encore à cet instant.");
        var activity = await AuditEvents.AsOfAsync<Activity>(session, Activity.StreamIdFor(current.ActivityCode), instant, cancellation);
        if (activity is null) return Problems.NotFound("L'activité de cette inscription n'existait pas encore à cet instant.");
        var calendar = await AuditEvents.AsOfAsync<CommuneCalendar>(session, CommuneCalendar.StreamId, instant, cancellation);
        var rules = new Domain.Bookings.DayRules(activity, new SchoolCalendar(calendar?.Periods ?? [], holidays), commune.Zone);
        return Results.Ok(PlanningGrid.Build(inscription, rules, query.Month!.Value, instant));
    }
}

/// <summary>How the audit and the RGPD export show events: instant, author, kebab-case type, explanation.</summary>
public static class AuditEvents
{
    public static ProblemDetails NoInscription => Problems.NotFoundDetails("Aucune inscription avec cet identifiant.");

    /// <summary>One event as the audit and the RGPD export show it.</summary>
    public static AuditEvent Describe(IEvent e, Marten.ISerializer serializer, DateTimeZone zone) =>
        new(e.Version, RecordedAt(e), Kebab(e.EventTypeName), ByOf(e.Data), JsonDocument.Parse(serializer.ToJson(e.Data)).RootElement,
            Explanation.Of(e.Data, zone), e.CorrelationId, e.CausationId);

    /// <summary>A stream's aggregate after the last event recorded at or before the instant (null if none was).</summary>
    public static async Task<T?> AsOfAsync<T>(IQuerySession session, Guid streamId, Instant asOf, CancellationToken cancellation) where T : class
    {
        var events = await session.Events.FetchStreamAsync(streamId, token: cancellation);
        var last = events.LastOrDefault(e => RecordedAt(e) <= asOf);
        return last is null ? null : await session.Events.AggregateStreamAsync<T>(streamId, version: last.Version, token: cancellation);
    }

    private static readonly ConcurrentDictionary<Type, (PropertyInfo? At, PropertyInfo? By)> Properties = new();

    /// <summary>Every portal event records the instant of the application clock it happened at, and who caused it.</summary>
    private static (PropertyInfo? At, PropertyInfo? By) PropertiesOf(Type type) =>
        Properties.GetOrAdd(type, t => (t.GetProperty("At"), t.GetProperty("By")));

    private static Instant RecordedAt(IEvent e) =>
        PropertiesOf(e.Data.GetType()).At?.GetValue(e.Data) is Instant at ? at : Instant.FromDateTimeOffset(e.Timestamp);

    private static string ByOf(object data) => PropertiesOf(data.GetType()).By?.GetValue(data)?.ToString() ?? Actor.System.ToString();

    public static string Kebab(string eventTypeName) => eventTypeName.Replace('_', '-');
}
