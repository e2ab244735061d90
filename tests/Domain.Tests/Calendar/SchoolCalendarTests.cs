using NodaTime;
using PortailFamille.Domain.Calendar;

namespace PortailFamille.Domain.Tests.Calendar;

public class SchoolCalendarTests
{
    private static readonly SchoolCalendar Calendar = new(ShippedSchoolHolidays.Load(), new PublicHolidays());

    private static LocalDate D(int y, int m, int d) => new(y, m, d);

    [Theory]
    // 2025-2026, zone C
    [InlineData("2025-10-20", "Vacances de la Toussaint")]
    [InlineData("2025-10-31", "Vacances de la Toussaint")]
    [InlineData("2025-12-22", "Vacances de Noël")]
    [InlineData("2026-01-02", "Vacances de Noël")]
    [InlineData("2026-02-23", "Vacances d'Hiver")]
    [InlineData("2026-03-06", "Vacances d'Hiver")]
    [InlineData("2026-04-20", "Vacances de Printemps")]
    [InlineData("2026-05-15", "Pont de l'Ascension")]
    [InlineData("2026-07-06", "Vacances d'Été")]
    [InlineData("2026-08-31", "Vacances d'Été")]
    // 2026-2027, zone C
    [InlineData("2026-10-19", "Vacances de la Toussaint")]
    [InlineData("2026-10-30", "Vacances de la Toussaint")]
    [InlineData("2026-12-21", "Vacances de Noël")]
    [InlineData("2026-12-31", "Vacances de Noël")]
    [InlineData("2027-02-08", "Vacances d'Hiver")]
    [InlineData("2027-02-19", "Vacances d'Hiver")]
    [InlineData("2027-04-05", "Vacances de Printemps")]
    [InlineData("2027-05-07", "Pont de l'Ascension")]
    [InlineData("2027-07-05", "Vacances d'Été")]
    public void School_holidays_of_both_years_are_closed(string date, string label)
    {
        var day = Calendar.Describe(NodaTime.Text.LocalDatePattern.Iso.Parse(date).Value);
        day.Closed.ShouldBeTrue();
        day.Reason.ShouldBe(ClosureReason.SchoolHoliday);
        day.Label.ShouldBe(label);
    }

    [Theory]
    [InlineData("2025-10-17")] // the Friday before Toussaint 2025
    [InlineData("2025-11-03")] // back to school
    [InlineData("2026-01-05")]
    [InlineData("2026-09-01")] // school resumes Tuesday 1 September 2026
    [InlineData("2026-10-16")]
    [InlineData("2026-11-02")]
    [InlineData("2027-01-04")]
    [InlineData("2027-02-22")]
    [InlineData("2027-05-10")]
    [InlineData("2027-07-02")] // last day of school 2026-2027
    public void School_days_around_the_holidays_are_open(string date)
    {
        var day = Calendar.Describe(NodaTime.Text.LocalDatePattern.Iso.Parse(date).Value);
        day.Closed.ShouldBeFalse();
        day.Reason.ShouldBeNull();
    }

    [Fact]
    public void Public_holidays_are_computed_including_the_easter_based_ones()
    {
        Calendar.Describe(D(2027, 3, 29)).ShouldBe(new DayInfo(D(2027, 3, 29), true, ClosureReason.PublicHoliday, "Lundi de Pâques"));
        Calendar.Describe(D(2027, 5, 6)).ShouldBe(new DayInfo(D(2027, 5, 6), true, ClosureReason.PublicHoliday, "Jeudi de l'Ascension"));
        Calendar.Describe(D(2027, 5, 17)).Reason.ShouldBe(ClosureReason.PublicHoliday); // Lundi de Pentecôte
        Calendar.Describe(D(2026, 11, 11)).Reason.ShouldBe(ClosureReason.PublicHoliday);
        Calendar.Describe(D(2026, 4, 6)).Reason.ShouldBe(ClosureReason.PublicHoliday); // Easter Monday 2026
        new PublicHolidays().IsPublicHoliday(D(2027, 3, 26)).ShouldBeFalse(); // Good Friday: only in Alsace-Moselle
        new PublicHolidays(alsaceMoselle: true).IsPublicHoliday(D(2027, 3, 26)).ShouldBeTrue();
        new PublicHolidays(alsaceMoselle: true).IsPublicHoliday(D(2026, 12, 26)).ShouldBeTrue();
    }

    [Fact]
    public void Weekends_are_closed_without_a_reason_even_during_holidays()
    {
        Calendar.Describe(D(2026, 10, 24)).ShouldBe(new DayInfo(D(2026, 10, 24), true, null, null));
        Calendar.Describe(D(2026, 11, 1)).ShouldBe(new DayInfo(D(2026, 11, 1), true, null, null)); // Toussaint on a Sunday
        Calendar.Describe(D(2026, 9, 5)).Closed.ShouldBeTrue();
    }

    [Fact]
    public void Dates_outside_the_known_school_years_are_open_unless_public_holidays()
    {
        Calendar.Describe(D(2025, 9, 2)).Closed.ShouldBeFalse(); // before the shipped data: nothing known, open
        Calendar.Describe(D(2027, 9, 1)).Closed.ShouldBeFalse(); // after summer 2027: the next year is not published yet
        Calendar.Describe(D(2028, 1, 3)).Closed.ShouldBeFalse();
        Calendar.Describe(D(2028, 5, 25)).Reason.ShouldBe(ClosureReason.PublicHoliday); // Ascension 2028
    }

    [Fact]
    public void A_commune_closure_names_the_day_before_a_school_holiday()
    {
        var closure = new CalendarPeriod(Guid.NewGuid(), D(2026, 10, 19), D(2026, 10, 19), ClosureReason.Closure, "Travaux cantine", "staff");
        var calendar = new SchoolCalendar([.. ShippedSchoolHolidays.Load(), closure], new PublicHolidays());
        calendar.Describe(D(2026, 10, 19)).ShouldBe(new DayInfo(D(2026, 10, 19), true, ClosureReason.Closure, "Travaux cantine"));
        calendar.Describe(D(2026, 10, 20)).Reason.ShouldBe(ClosureReason.SchoolHoliday);
    }
}
