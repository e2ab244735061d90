using NodaTime;
using PortailFamille.Domain.Bookings;

namespace PortailFamille.Domain.Tests.Bookings;

public class OccupancyTests
{
    private static readonly LocalDate Monday = new(2026, 10, 5);

    private static Headcount Count(LocalDate date, string group, int booked, int capacity, int waitlisted = 0, string unit = "REPAS") =>
        new(date, "CANTINE", unit, group, booked, capacity, waitlisted);

    [Theory]
    [InlineData(0, 35, 0)]
    [InlineData(1, 35, 1)]
    [InlineData(17, 35, 1)]
    [InlineData(18, 35, 2)]
    [InlineData(27, 35, 2)]
    [InlineData(28, 35, 3)]
    [InlineData(34, 35, 3)]
    [InlineData(35, 35, 4)]
    [InlineData(36, 35, 4)]
    [InlineData(1, 0, 4)]
    [InlineData(0, 0, 0)]
    public void The_fill_level_steps_at_half_four_fifths_and_full(int booked, int capacity, int level) =>
        Occupancy.Level(booked, capacity).ShouldBe(level);

    [Fact]
    public void A_day_sums_its_groups_and_is_full_when_one_group_is()
    {
        var picture = Occupancy.Picture([
            Count(Monday, "MATERNELLE", 35, 35, waitlisted: 2), Count(Monday, "PRIMAIRE", 10, 64),
            Count(Monday.PlusDays(1), "MATERNELLE", 5, 35), Count(Monday.PlusDays(1), "PRIMAIRE", 5, 64),
        ]);

        var row = picture.ShouldHaveSingleItem();
        (row.ActivityCode, row.Unit).ShouldBe(("CANTINE", "REPAS"));
        row.Days.Select(d => d.Date).ShouldBe([Monday, Monday.PlusDays(1)]);
        row.Days[0].ShouldSatisfyAllConditions(
            d => d.Booked.ShouldBe(45), d => d.Capacity.ShouldBe(99), d => d.Waitlisted.ShouldBe(2),
            d => d.Full.ShouldBeTrue(), d => d.FullGroups.ShouldBe(["MATERNELLE"]), d => d.Level.ShouldBe(4));
        row.Days[1].ShouldSatisfyAllConditions(d => d.Full.ShouldBeFalse(), d => d.Level.ShouldBe(1));
    }

    [Fact]
    public void Units_are_rows_in_code_order()
    {
        var picture = Occupancy.Picture([Count(Monday, "PRIMAIRE", 1, 40, unit: "SOIR") with { ActivityCode = "GARDERIE" },
            Count(Monday, "PRIMAIRE", 1, 40, unit: "MATIN") with { ActivityCode = "GARDERIE" }, Count(Monday, "PRIMAIRE", 1, 64)]);
        picture.Select(r => $"{r.ActivityCode}/{r.Unit}").ShouldBe(["CANTINE/REPAS", "GARDERIE/MATIN", "GARDERIE/SOIR"]);
    }

    [Fact]
    public void A_period_sums_seat_days_and_counts_full_days_per_group()
    {
        var week = Occupancy.OverPeriod([
            Count(Monday, "MATERNELLE", 35, 35, 3), Count(Monday.PlusDays(1), "MATERNELLE", 20, 35), Count(Monday.PlusDays(3), "MATERNELLE", 35, 35),
            Count(Monday, "PRIMAIRE", 10, 64),
        ]);
        week.ShouldBe([
            new PeriodCount("CANTINE", "REPAS", "MATERNELLE", 90, 105, 3, 2),
            new PeriodCount("CANTINE", "REPAS", "PRIMAIRE", 10, 64, 0, 0),
        ]);
    }
}
