using NodaTime;
using PortailFamille.Domain.Bookings;
using static PortailFamille.Domain.Tests.Bookings.BookingFixture;

namespace PortailFamille.Domain.Tests.Bookings;

public class WeekPatternTests
{
    private static readonly PatternDay[] MondayAndThursday = [new(IsoDayOfWeek.Monday, "REPAS"), new(IsoDayOfWeek.Thursday, "REPAS")];

    [Fact]
    public void Given_a_pattern_over_october_each_open_pattern_day_becomes_a_change_and_the_holidays_are_left_out()
    {
        // October 2026: Toussaint holidays from Saturday 17 October to Sunday 1 November (zone C).
        var changes = WeekPattern.Changes(Child(), Rules(), new LocalDate(2026, 10, 1), new LocalDate(2026, 10, 31), MondayAndThursday, BookingAction.Book);
        changes.Select(c => c.Date.Day).ShouldBe([1, 5, 8, 12, 15]);
        changes.ShouldAllBe(c => c.Unit == "REPAS" && c.Action == BookingAction.Book);
    }

    [Fact]
    public void Given_a_weekday_the_activity_does_not_serve_or_a_unit_it_does_not_have_no_change_is_made()
    {
        PatternDay[] wednesdayAndSnack = [new(IsoDayOfWeek.Wednesday, "REPAS"), new(IsoDayOfWeek.Monday, "GOUTER")];
        WeekPattern.Changes(Child(), Rules(), new LocalDate(2026, 10, 1), new LocalDate(2026, 10, 31), wednesdayAndSnack, BookingAction.Book).ShouldBeEmpty();
    }

    [Fact]
    public void Given_a_range_beyond_the_inscription_only_its_own_days_are_changed()
    {
        var changes = WeekPattern.Changes(Child(to: new LocalDate(2026, 10, 6)), Rules(), new LocalDate(2026, 8, 1), new LocalDate(2026, 10, 31),
            MondayAndThursday, BookingAction.Cancel);
        changes.Select(c => c.Date).ShouldBe([new LocalDate(2026, 9, 3), new LocalDate(2026, 9, 7), new LocalDate(2026, 9, 10), new LocalDate(2026, 9, 14),
            new LocalDate(2026, 9, 17), new LocalDate(2026, 9, 21), new LocalDate(2026, 9, 24), new LocalDate(2026, 9, 28), new LocalDate(2026, 10, 1),
            new LocalDate(2026, 10, 5)]);
        changes.ShouldAllBe(c => c.Action == BookingAction.Cancel);
    }
}
