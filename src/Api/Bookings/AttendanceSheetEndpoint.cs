using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
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

public sealed record AttendanceLine(Guid InscriptionId, string ChildName, string Group, CellState State);

/// <summary>The sheet asked for: the day, and the activity's rules (null when no such activity), with the query's errors.</summary>
public sealed record SheetQuery(LocalDate? Day, DayRules? Rules, Errors Errors);

public static class AttendanceSheetEndpoint
{
    public static async Task<SheetQuery> LoadAsync(string? activityCode, string? unit, string? date, RulesLoader rules, CancellationToken cancellation)
    {
        var errors = new Errors();
        var day = Dates.Parse(date, "date", errors);
        errors.Require(ActivityRules.IsCode(activityCode), "activityCode", "Le code d'activité est obligatoire.")
            .Require(unit is { Length: > 0 and <= 40 }, "unit", "L'unité est obligatoire.");
        return new SheetQuery(day, errors.Any ? null : await rules.ForAsync(activityCode!, cancellation), errors);
    }

    public static ProblemDetails Validate(string? activityCode, SheetQuery query) =>
        query.Errors.Any ? Problems.InvalidDetails(query.Errors)
        : query.Rules is null ? Problems.NotFoundDetails($"Aucune activité de code {activityCode}.")
        : WolverineContinue.NoProblems;

    /// <summary>The children holding a seat that day for the activity and unit, with their attendance or booking state.</summary>
    [WolverineGet("/api/staff/attendance-sheet"), Tags("Présences")]
    [EndpointSummary("La feuille de pointage")]
    [EndpointDescription("Agents et cuisine. Les enfants qui ont une place ce jour-là pour une activité et une unité, avec leur pointage.")]
    [Authorize(Roles = Roles.StaffOrKitchen)]
    [ProducesResponseType<AttendanceLine[]>(200), ProducesResponseType<ValidationProblemDetails>(400), ProducesResponseType<ProblemDetails>(404)]
    public static async Task<List<AttendanceLine>> Get(string? unit, [NotBody] SheetQuery query, IQuerySession session,
        Moment moment, CancellationToken cancellation)
    {
        var (day, dayRules, asked) = (query.Day!.Value, query.Rules!, unit!);
        var inscriptions = (await InscriptionQueries.HoldingOnAsync(session, [day], cancellation))
            .Where(i => i.ActivityCode == dayRules.Activity.Code && i.CellAt(day, asked).Status.HoldsSeat()).ToList();
        var families = inscriptions.Count == 0 ? new Dictionary<Guid, Family>()
            : (await session.LoadManyAsync<Family>(cancellation, inscriptions.Select(i => i.FamilyId).Distinct().ToArray())).ToDictionary(f => f.Id);
        return inscriptions
            .Select(i => new AttendanceLine(i.Id, families.GetValueOrDefault(i.FamilyId)?.ChildById(i.ChildId)?.FullName ?? "",
                i.CellAt(day, asked).Group, CellView.At(i, day, asked, dayRules, moment.At).State))
            .OrderBy(l => l.Group).ThenBy(l => l.ChildName, StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("fr-FR"), true)).ToList();
    }
}
