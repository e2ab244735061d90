using NodaTime;
using PortailFamille.Domain.Calendar;

namespace PortailFamille.Domain.Tests.Calendar;

public class DeadlineTests
{
    private static readonly DateTimeZone Paris = DateTimeZoneProviders.Tzdb["Europe/Paris"];
    private static readonly PublicHolidays Holidays = new();
    private static readonly Deadline TwoWorkingDays = new(2, true, new LocalTime(10, 0));

    private static Instant CutOff(Deadline deadline, LocalDate day) => deadline.CutOff(day, Holidays.IsPublicHoliday, Paris);

    private static Instant Utc(int y, int m, int d, int h, int min) => Instant.FromUtc(y, m, d, h, min);

    [Fact]
    public void Two_working_days_before_a_thursday_is_the_tuesday()
    {
        TwoWorkingDays.CutOffDate(new LocalDate(2026, 10, 8), Holidays.IsPublicHoliday).ShouldBe(new LocalDate(2026, 10, 6));
    }

    [Fact]
    public void Working_days_skip_the_weekend()
    {
        // Monday 12 Oct 2026 → Thursday 8 Oct 2026 at 10:00 Paris (UTC+2).
        TwoWorkingDays.CutOffDate(new LocalDate(2026, 10, 12), Holidays.IsPublicHoliday).ShouldBe(new LocalDate(2026, 10, 8));
        CutOff(TwoWorkingDays, new LocalDate(2026, 10, 12)).ShouldBe(Utc(2026, 10, 8, 8, 0));
    }

    [Fact]
    public void Working_days_skip_public_holidays()
    {
        // Friday 13 Nov 2026: Thursday 12, Wednesday 11 is Armistice → Tuesday 10 Nov.
        TwoWorkingDays.CutOffDate(new LocalDate(2026, 11, 13), Holidays.IsPublicHoliday).ShouldBe(new LocalDate(2026, 11, 10));
        // Tuesday 30 Mar 2027: Monday 29 is Easter Monday, then the weekend → Thursday 25 Mar.
        TwoWorkingDays.CutOffDate(new LocalDate(2027, 3, 30), Holidays.IsPublicHoliday).ShouldBe(new LocalDate(2027, 3, 25));
        // Monday 10 May 2027: Friday 7 (pont, a school holiday but a working day) counts; Thursday 6 is Ascension → Wednesday 5.
        TwoWorkingDays.CutOffDate(new LocalDate(2027, 5, 10), Holidays.IsPublicHoliday).ShouldBe(new LocalDate(2027, 5, 5));
    }

    [Fact]
    public void School_holidays_are_working_days()
    {
        // Monday 2 Nov 2026 (back from Toussaint): Friday 30 Oct and Thursday 29 Oct are holidays but working days.
        TwoWorkingDays.CutOffDate(new LocalDate(2026, 11, 2), Holidays.IsPublicHoliday).ShouldBe(new LocalDate(2026, 10, 29));
    }

    [Fact]
    public void Calendar_days_count_every_day_and_zero_means_the_day_itself()
    {
        new Deadline(7, false, new LocalTime(12, 0)).CutOffDate(new LocalDate(2026, 10, 14), Holidays.IsPublicHoliday)
            .ShouldBe(new LocalDate(2026, 10, 7));
        CutOff(new Deadline(0, false, new LocalTime(9, 0)), new LocalDate(2026, 10, 5)).ShouldBe(Utc(2026, 10, 5, 7, 0));
    }

    [Fact]
    public void Spring_2026_daylight_saving_change_is_honoured()
    {
        // Clocks go forward on Sunday 29 March 2026: Friday 27 is UTC+1, Monday 30 is UTC+2.
        CutOff(TwoWorkingDays, new LocalDate(2026, 3, 31)).ShouldBe(Utc(2026, 3, 27, 9, 0));  // cut-off Fri 27 10:00 CET
        CutOff(TwoWorkingDays, new LocalDate(2026, 4, 1)).ShouldBe(Utc(2026, 3, 30, 8, 0));   // cut-off Mon 30 10:00 CEST
        // A calendar-day cut-off on the change day itself.
        CutOff(new Deadline(0, false, new LocalTime(10, 0)), new LocalDate(2026, 3, 29)).ShouldBe(Utc(2026, 3, 29, 8, 0));
    }

    [Fact]
    public void Autumn_2026_daylight_saving_change_is_honoured()
    {
        // Clocks go back on Sunday 25 October 2026: Friday 23 is UTC+2, Monday 26 is UTC+1.
        CutOff(TwoWorkingDays, new LocalDate(2026, 10, 27)).ShouldBe(Utc(2026, 10, 23, 8, 0));
        CutOff(TwoWorkingDays, new LocalDate(2026, 10, 28)).ShouldBe(Utc(2026, 10, 26, 9, 0));
        CutOff(new Deadline(1, false, new LocalTime(18, 0)), new LocalDate(2026, 10, 26)).ShouldBe(Utc(2026, 10, 25, 17, 0));
    }

    [Fact]
    public void A_cut_off_in_the_spring_gap_moves_forward_instead_of_failing()
    {
        // 02:30 does not exist on 29 March 2026 in Paris; the lenient resolver shifts it to 03:30 CEST.
        CutOff(new Deadline(0, false, new LocalTime(2, 30)), new LocalDate(2026, 3, 29)).ShouldBe(Utc(2026, 3, 29, 1, 30));
    }
}
