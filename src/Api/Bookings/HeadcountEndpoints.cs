using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using NodaTime;
using PortailFamille.Api.Infrastructure;
using PortailFamille.Domain.Accounts;
using PortailFamille.Domain.Activities;
using PortailFamille.Domain.Bookings;
using PortailFamille.Domain.Common;
using PortailFamille.Projections.Headcounts;
using Wolverine.Http;

namespace PortailFamille.Api.Bookings;


public static class HeadcountEndpoints
{
    public const int MaxDays = 400;

    public static ProblemDetails Validate(string? date, string? from, string? to)
    {
        var errors = new Errors();
        Range(date, from, to, errors);
        return Problems.InvalidDetails(errors);
    }

    /// <summary>One row per activity, unit and group running each day (zeros included): seats booked, capacity, waitlist.</summary>
    [WolverineGet("/api/staff/headcounts"), Tags("Effectifs")]
    [EndpointSummary("Effectifs par jour")]
    [EndpointDescription("Agents et cuisine. Pour un jour (?date=) ou une période (?from=&to=) : réservés, capacité et liste d'attente par activité, unité et groupe.")]
    [Authorize(Roles = Roles.StaffOrKitchen)]
    [ProducesResponseType<Headcount[]>(200), ProducesResponseType<ValidationProblemDetails>(400)]
    public static Task<List<Headcount>> Get(string? date, string? from, string? to, IQuerySession session, RulesLoader rules,
        CommuneDatabase dataSource, CancellationToken cancellation)
    {
        var (start, end) = Range(date, from, to, new Errors());
        return ReadAsync(start, end, session, rules, dataSource, cancellation);
    }

    public static (LocalDate Start, LocalDate End) Range(string? date, string? from, string? to, Errors errors)
    {
        if (date is not null)
        {
            if (from is not null || to is not null) errors.Add("date", "Indiquez soit date, soit from et to.");
            var day = Dates.Parse(date, "date", errors);
            return (day ?? default, day ?? default);
        }
        var start = Dates.Parse(from, "from", errors);
        var end = Dates.Parse(to, "to", errors);
        if (start is { } s && end is { } e)
        {
            errors.Require(s <= e, "to", "La date de fin doit être postérieure ou égale à la date de début.");
            errors.Require(Period.Between(s, e, PeriodUnits.Days).Days < MaxDays, "to", $"La période ne doit pas dépasser {MaxDays} jours.");
        }
        return (start ?? default, end ?? default);
    }

    public static async Task<List<Headcount>> ReadAsync(LocalDate start, LocalDate end, IQuerySession session, RulesLoader rules,
        CommuneDatabase dataSource, CancellationToken cancellation)
    {
        var activities = await session.Query<Activity>().OrderBy(a => a.Code).ToListAsync(cancellation);
        var capacities = await CapacitiesAsync(dataSource, start, end, cancellation);
        var rows = new List<Headcount>();
        var ids = new List<string>();
        foreach (var activity in activities)
        {
            var dayRules = (await rules.ForAsync(activity.Code, cancellation))!;
            for (var day = Max(start, activity.From); day <= end && day <= activity.To; day = day.PlusDays(1))
            {
                if (dayRules.ClosedReason(day) is not null) continue;
                foreach (var unit in activity.Units)
                foreach (var group in activity.Groups)
                {
                    var slot = new Slot(activity.Code, group.Code, unit, day);
                    ids.Add(slot.Key);
                    rows.Add(new Headcount(day, activity.Code, unit, group.Code, 0,
                        capacities.GetValueOrDefault(slot.Key, activity.CapacityOf(group.Code, unit)), 0));
                }
            }
        }
        var counts = ids.Count == 0 ? new Dictionary<string, DayHeadcount>()
            : (await session.LoadManyAsync<DayHeadcount>(cancellation, ids)).ToDictionary(c => c.Id);
        return rows.Select(r => counts.TryGetValue(new Slot(r.ActivityCode, r.Group, r.Unit, r.Date).Key, out var c)
            ? r with { Booked = c.Booked, Waitlisted = c.Waitlisted } : r)
            .OrderBy(r => r.Date).ThenBy(r => r.ActivityCode).ThenBy(r => r.Unit).ThenBy(r => r.Group).ToList();
    }

    /// <summary>The capacity in force for each slot (past days keep the one they had).</summary>
    private static async Task<Dictionary<string, int>> CapacitiesAsync(CommuneDatabase dataSource, LocalDate start, LocalDate end, CancellationToken cancellation)
    {
        await using var command = dataSource.CreateCommand(
            $"select activity_code, grp, unit, day, capacity from {MartenSetup.Schema}.{SeatTables.Seats} where day between @s and @e");
        command.Parameters.AddWithValue("s", start);
        command.Parameters.AddWithValue("e", end);
        var capacities = new Dictionary<string, int>();
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
            capacities[new Slot(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<LocalDate>(3)).Key] = reader.GetInt32(4);
        return capacities;
    }

    private static LocalDate Max(LocalDate a, LocalDate b) => a > b ? a : b;
}

public static class HeadcountCsvEndpoint
{
    public static ProblemDetails Validate(string? from, string? to)
    {
        var errors = new Errors();
        HeadcountEndpoints.Range(null, from, to, errors);
        return Problems.InvalidDetails(errors);
    }

    /// <summary>The same rows as <c>/api/staff/headcounts</c>, as CSV for a spreadsheet or the kitchen.</summary>
    [WolverineGet("/api/staff/headcounts.csv"), Tags("Effectifs")]
    [EndpointSummary("Effectifs en CSV")]
    [EndpointDescription("Agents et cuisine. Les mêmes lignes que les effectifs, pour un tableur.")]
    [Authorize(Roles = Roles.StaffOrKitchen)]
    [Produces("text/csv")]
    [ProducesResponseType(200), ProducesResponseType<ValidationProblemDetails>(400)]
    public static async Task<IResult> Get(string? from, string? to, IQuerySession session, RulesLoader rules, CommuneDatabase dataSource,
        CancellationToken cancellation)
    {
        var (start, end) = HeadcountEndpoints.Range(null, from, to, new Errors());
        var rows = await HeadcountEndpoints.ReadAsync(start, end, session, rules, dataSource, cancellation);
        return CsvText.Of(["date", "activityCode", "unit", "group", "booked", "waitlisted", "capacity"], rows.Select(row => new[]
        {
            NodaTime.Text.LocalDatePattern.Iso.Format(row.Date), row.ActivityCode, row.Unit, row.Group,
            row.Booked.ToString(System.Globalization.CultureInfo.InvariantCulture),
            row.Waitlisted.ToString(System.Globalization.CultureInfo.InvariantCulture),
            row.Capacity.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }));
    }
}
