using NodaTime;

namespace PortailFamille.Domain.Bookings;

/// <summary>One group's seats on one day: a row of the headcounts (GET /api/staff/headcounts).</summary>
public sealed record Headcount(LocalDate Date, string ActivityCode, string Unit, string Group, int Booked, int Capacity, int Waitlisted);

/// <summary>
/// A unit's day on the mairie's occupancy picture: every group summed, a fill level for its colour, and whether the
/// day is full. <c>FullGroups</c> names the groups with no seat left (a child of that group would be waitlisted).
/// </summary>
public sealed record OccupancyDay(LocalDate Date, int Booked, int Capacity, int Waitlisted, int Level, IReadOnlyList<string> FullGroups)
{
    public bool Full => FullGroups.Count > 0;
}

public sealed record OccupancyRow(string ActivityCode, string Unit, IReadOnlyList<OccupancyDay> Days);

/// <summary>A unit's fill summed over a period (the week's line of the mairie's dashboard).</summary>
public sealed record PeriodCount(string ActivityCode, string Unit, string Group, int Booked, int Capacity, int Waitlisted, int FullDays);

public static class Occupancy
{
    /// <summary>The colour step: 0 nothing booked, 1 under half, 2 under 80 %, 3 under full, 4 full (or over a lowered capacity).</summary>
    public static int Level(int booked, int capacity) => booked <= 0 ? 0
        : booked >= capacity ? 4
        : booked * 100 < capacity * 50 ? 1
        : booked * 100 < capacity * 80 ? 2
        : 3;

    public static bool IsFull(Headcount c) => c.Booked >= c.Capacity;

    /// <summary>Days × units: one row per activity and unit, one cell per day that unit runs, groups summed.</summary>
    public static IReadOnlyList<OccupancyRow> Picture(IEnumerable<Headcount> counts) =>
        counts.GroupBy(c => (c.ActivityCode, c.Unit))
            .OrderBy(g => g.Key.ActivityCode, StringComparer.Ordinal).ThenBy(g => g.Key.Unit, StringComparer.Ordinal)
            .Select(unit => new OccupancyRow(unit.Key.ActivityCode, unit.Key.Unit, unit.GroupBy(c => c.Date).OrderBy(d => d.Key)
                .Select(day =>
                {
                    var (booked, capacity) = (day.Sum(c => c.Booked), day.Sum(c => c.Capacity));
                    var full = day.Where(IsFull).Select(c => c.Group).Order(StringComparer.Ordinal).ToList();
                    // A full group colours the day as full, whatever seats the other groups have left.
                    return new OccupancyDay(day.Key, booked, capacity, day.Sum(c => c.Waitlisted), full.Count > 0 ? 4 : Level(booked, capacity), full);
                }).ToList()))
            .ToList();

    /// <summary>Seat-days over a period per activity, unit and group, with the number of days the group was full.</summary>
    public static IReadOnlyList<PeriodCount> OverPeriod(IEnumerable<Headcount> counts) =>
        counts.GroupBy(c => (c.ActivityCode, c.Unit, c.Group))
            .Select(g => new PeriodCount(g.Key.ActivityCode, g.Key.Unit, g.Key.Group, g.Sum(c => c.Booked), g.Sum(c => c.Capacity),
                g.Sum(c => c.Waitlisted), g.Count(IsFull)))
            .OrderBy(p => p.ActivityCode, StringComparer.Ordinal).ThenBy(p => p.Unit, StringComparer.Ordinal).ThenBy(p => p.Group, StringComparer.Ordinal)
            .ToList();
}
