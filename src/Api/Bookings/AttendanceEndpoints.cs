using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Authorization;
using NodaTime;
using NodaTime.Text;
using PortailFamille.Api.Infrastructure;
using PortailFamille.Domain.Accounts;
using PortailFamille.Domain.Activities;
using PortailFamille.Domain.Bookings;
using PortailFamille.Domain.Common;
using PortailFamille.Domain.Families;
using PortailFamille.Domain.Inscriptions;
using Wolverine.Http;

namespace PortailFamille.Api.Bookings;

public sealed record AttendanceEntry(Guid InscriptionId, string Status);

public sealed record RecordAttendance(string ActivityCode, string Unit, LocalDate Date, AttendanceEntry[] Entries);

public sealed record AttendanceLine(Guid InscriptionId, string ChildName, string Group, string State);

public static class AttendanceEndpoints
{
    /// <summary>Marks present, absent or absent-justified for a day (today or past) on cells holding a seat;
    /// one bad entry refuses the whole batch. A correction is a new mark: the stream keeps both.</summary>
    [WolverinePost("/api/staff/attendance"), Tags("Présences")]
    [EndpointSummary("Faire le pointage")]
    [EndpointDescription("Agents. Présent, absent ou absence justifiée pour les enfants qui ont une place ce jour-là ; une ligne fausse refuse toute la liste (422).")]
    [Authorize(Roles = Roles.Staff)]
    [ProducesResponseType(204)]
    public static async Task<IResult> Record(RecordAttendance command, IDocumentSession session, IClock clock, CommuneSettings commune,
        ClaimsPrincipal principal, CancellationToken cancellation)
    {
        var activity = ActivityRules.IsCode(command.ActivityCode)
            ? await session.LoadAsync<Activity>(Activity.StreamIdFor(command.ActivityCode), cancellation) : null;
        var errors = new Errors()
            .Require(activity is not null, "activityCode", $"Aucune activité de code {command.ActivityCode}.")
            .Require(activity is null || activity.Units.Contains(command.Unit), "unit", $"L'unité {command.Unit} n'existe pas pour cette activité.")
            .Require(command.Entries.Length is > 0 and <= 1000, "entries", "Indiquez de 1 à 1 000 présences.")
            .Require(command.Entries.DistinctBy(e => e.InscriptionId).Count() == command.Entries.Length, "entries", "Un enfant ne peut figurer qu'une fois.")
            .Require(command.Entries.All(e => AttendanceStatus.All.Contains(e.Status)), "entries",
                "Le pointage doit être « present », « absent » ou « absent-justified ».");
        if (errors.Any) return Problems.Invalid(errors);
        if (command.Date > Dates.Today(clock, commune.Zone))
            return Problems.Unprocessable("Le pointage ne peut porter que sur aujourd'hui ou un jour passé.");

        var batch = session.CreateBatchQuery();
        var fetches = command.Entries.Select(e => batch.Events.FetchForWriting<Inscription>(e.InscriptionId)).ToList();
        await batch.Execute(cancellation);
        var streams = new List<JasperFx.Events.IEventStream<Inscription>>();
        foreach (var fetch in fetches) streams.Add(await fetch);
        var withoutSeat = streams.Where(s => s.Aggregate is not { } i || i.ActivityCode != activity!.Code
            || !CellStatus.HoldsSeat(i.CellAt(command.Date, command.Unit).Status)).ToList();
        if (withoutSeat.Count > 0)
            return Problems.Unprocessable($"{withoutSeat.Count} enfant(s) de la liste n'ont pas de place réservée ce jour-là : rien n'a été enregistré.");

        var by = CurrentUser.From(principal).Actor;
        var now = clock.GetCurrentInstant();
        foreach (var (stream, entry) in streams.Zip(command.Entries))
            stream.AppendOne(new AttendanceMarked(entry.InscriptionId, command.Date, command.Unit, entry.Status, by, now));
        return Results.NoContent();
    }

    /// <summary>The children holding a seat that day for the activity and unit, with their attendance or booking state.</summary>
    [WolverineGet("/api/staff/attendance-sheet"), Tags("Présences")]
    [EndpointSummary("La feuille de pointage")]
    [EndpointDescription("Agents et cuisine. Les enfants qui ont une place ce jour-là pour une activité et une unité, avec leur pointage.")]
    [Authorize(Roles = Roles.StaffOrKitchen)]
    [ProducesResponseType<AttendanceLine[]>(200)]
    public static async Task<IResult> Sheet(string? activityCode, string? unit, string? date, IQuerySession session, RulesLoader rules,
        CommuneDatabase dataSource, IClock clock, CancellationToken cancellation)
    {
        var errors = new Errors();
        var day = Dates.Parse(date, "date", errors);
        errors.Require(ActivityRules.IsCode(activityCode), "activityCode", "Le code d'activité est obligatoire.")
            .Require(unit is { Length: > 0 and <= 40 }, "unit", "L'unité est obligatoire.");
        if (errors.Any) return Problems.Invalid(errors);
        var dayRules = await rules.ForAsync(activityCode!, cancellation);
        if (dayRules is null) return Problems.NotFound($"Aucune activité de code {activityCode}.");

        await using var connection = await dataSource.OpenConnectionAsync(cancellation);
        var ids = await ClosureWork.InscriptionsHoldingAsync(connection, [LocalDatePattern.Iso.Format(day!.Value)], cancellation);
        var inscriptions = (await session.LoadManyAsync<Inscription>(cancellation, ids.ToArray()))
            .Where(i => i.ActivityCode == dayRules.Activity.Code && CellStatus.HoldsSeat(i.CellAt(day.Value, unit!).Status)).ToList();
        var families = inscriptions.Count == 0 ? new Dictionary<Guid, Family>()
            : (await session.LoadManyAsync<Family>(cancellation, inscriptions.Select(i => i.FamilyId).Distinct().ToArray())).ToDictionary(f => f.Id);
        var now = clock.GetCurrentInstant();
        return Results.Ok(inscriptions
            .Select(i => new AttendanceLine(i.Id, families.GetValueOrDefault(i.FamilyId)?.ChildById(i.ChildId)?.FullName ?? "",
                i.CellAt(day.Value, unit!).Group, CellView.At(i, day.Value, unit!, dayRules, now).State))
            .OrderBy(l => l.Group).ThenBy(l => l.ChildName, StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("fr-FR"), true)).ToList());
    }
}
