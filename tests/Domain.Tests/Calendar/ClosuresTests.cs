using NodaTime;
using PortailFamille.Domain.Calendar;

namespace PortailFamille.Domain.Tests.Calendar;

/// <summary>Staff closing days: school holidays or a closure, at most 400 days, with a label.</summary>
public class ClosuresTests
{
    private static readonly LocalDate Friday = new(2026, 11, 13);

    [Fact]
    public void A_pont_is_a_closure_with_its_label_trimmed()
    {
        var id = Guid.NewGuid();
        Closures.Check(Friday, Friday, "closure", "Pont du 11 novembre").Any.ShouldBeFalse();
        Closures.Close(id, Friday, Friday, ClosureReason.Closure, "  Pont du 11 novembre ")
            .ShouldBe(new CalendarPeriod(id, Friday, Friday, ClosureReason.Closure, "Pont du 11 novembre", "staff"));
    }

    [Fact]
    public void The_range_runs_forward_and_under_400_days_and_public_holidays_are_not_staffs_to_add()
    {
        Closures.Check(Friday, Friday.PlusDays(-1), "closure", "x").ToDictionary()["to"]
            .ShouldBe(["La date de fin doit être postérieure ou égale à la date de début."]);
        Closures.Check(Friday, Friday.PlusDays(400), "closure", "x").ToDictionary()["to"]
            .ShouldBe(["La fermeture ne doit pas dépasser 400 jours."]);
        Closures.Check(Friday, Friday.PlusDays(399), "school-holiday", "x").Any.ShouldBeFalse();
        Closures.Check(Friday, Friday, "public-holiday", " ").ToDictionary().Keys.ShouldBe(["reason", "label"], ignoreOrder: true);
    }

    [Fact]
    public void Only_a_recorded_period_can_be_removed()
    {
        var period = Closures.Close(Guid.NewGuid(), Friday, Friday, ClosureReason.Closure, "Pont");
        var calendar = CommuneCalendar.Create(new CalendarPeriodAdded(CommuneCalendar.StreamId, period, Common.Actor.System, Instant.MinValue));
        var clerk = Common.Actor.Staff(Guid.NewGuid());

        Closures.Remove(calendar, period.PeriodId, clerk, Instant.MinValue).ShouldBe(new CalendarPeriodRemoved(calendar.Id, period.PeriodId, clerk, Instant.MinValue));
        Closures.Remove(calendar, Guid.NewGuid(), clerk, Instant.MinValue).ShouldBeNull();
        Closures.Remove(null, period.PeriodId, clerk, Instant.MinValue).ShouldBeNull();
    }
}
