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

public sealed record AttendanceLine(Guid InscriptionId, string ChildName, string Group, string State);

public static class AttendanceSheetEndpoint
{
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
