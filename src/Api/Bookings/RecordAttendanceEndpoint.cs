using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using PortailFamille.Api.Infrastructure;
using PortailFamille.Domain.Accounts;
using PortailFamille.Domain.Activities;
using PortailFamille.Domain.Bookings;
using PortailFamille.Domain.Common;
using PortailFamille.Domain.Inscriptions;
using Wolverine.Http;

namespace PortailFamille.Api.Bookings;

public sealed record RecordAttendance(string ActivityCode, string Unit, LocalDate Date, AttendanceEntry[] Entries);

/// <summary>The activity, the list's own errors, and (when there are none) the entries' inscription streams, fetched for
/// writing in one round trip and in the list's order.</summary>
public sealed record AttendanceTargets(Activity? Activity, Errors Errors, IReadOnlyList<IEventStream<Inscription>> Streams);

public static class RecordAttendanceEndpoint
{
    public static async Task<AttendanceTargets> LoadAsync(RecordAttendance command, IDocumentSession session, CancellationToken cancellation)
    {
        var activity = ActivityRules.IsCode(command.ActivityCode)
            ? await session.LoadAsync<Activity>(Activity.StreamIdFor(command.ActivityCode), cancellation) : null;
        var entries = command.Entries ?? [];
        var errors = AttendanceDecider.Check(activity, command.ActivityCode, command.Unit, entries);
        if (errors.Any) return new AttendanceTargets(activity, errors, []);
        var batch = session.CreateBatchQuery();
        var fetches = entries.Select(e => batch.Events.FetchForWriting<Inscription>(e.InscriptionId)).ToList();
        await batch.Execute(cancellation);
        var streams = new List<IEventStream<Inscription>>();
        foreach (var fetch in fetches) streams.Add(await fetch);
        return new AttendanceTargets(activity, errors, streams);
    }

    public static ProblemDetails Validate(RecordAttendance command, AttendanceTargets targets, Moment moment) =>
        targets.Errors.Any ? Problems.InvalidDetails(targets.Errors)
        : AttendanceDecider.Refuse(targets.Activity!, command.Unit, command.Date, moment.Today, [.. targets.Streams.Select(s => s.Aggregate)]) is { } refusal
            ? Problems.UnprocessableDetails(refusal)
        : WolverineContinue.NoProblems;

    /// <summary>Marks present, absent or absent-justified for a day (today or past) on cells holding a seat;
    /// one bad entry refuses the whole batch. A correction is a new mark: the stream keeps both.</summary>
    [WolverinePost("/api/staff/attendance"), Tags("Présences")]
    [EndpointSummary("Faire le pointage")]
    [EndpointDescription("Agents. Présent, absent ou absence justifiée pour les enfants qui ont une place ce jour-là ; une ligne fausse refuse toute la liste (422).")]
    [Authorize(Roles = Roles.Staff)]
    [ProducesResponseType(204), ProducesResponseType<ValidationProblemDetails>(400), ProducesResponseType<ProblemDetails>(422)]
    public static (IResult, OtherStreams) Post(RecordAttendance command, [NotBody] AttendanceTargets targets, CurrentUser user, Moment moment)
    {
        var marks = AttendanceDecider.Mark(command.Date, command.Unit, command.Entries, user.Actor, moment.At);
        var streams = new OtherStreams();
        foreach (var (stream, mark) in targets.Streams.Zip(marks)) streams.Append(stream, mark);
        return (Results.NoContent(), streams);
    }
}
