using NodaTime;
using PortailFamille.Domain.Activities;
using PortailFamille.Domain.Calendar;
using PortailFamille.Domain.Common;
using PortailFamille.Domain.Tests.Bookings;

namespace PortailFamille.Domain.Tests.Activities;

/// <summary>Staff changing an activity's rules: each change an event with its author and instant.</summary>
public class ActivityChangesTests
{
    private static readonly Instant At = Instant.FromUtc(2026, 10, 1, 8, 0);
    private static readonly Actor Clerk = Actor.Staff(Guid.NewGuid());

    [Fact]
    public void A_capacity_names_one_of_the_activitys_groups_and_units()
    {
        var canteen = BookingFixture.Canteen();
        ActivityChanges.CheckCapacity(canteen, "PRIMAIRE", "REPAS", 70).Any.ShouldBeFalse();
        ActivityChanges.CheckCapacity(canteen, "MATERNELLE", "GOUTER", 70).ToDictionary().Keys.ShouldBe(["group", "unit"], ignoreOrder: true);
        ActivityChanges.CheckCapacity(canteen, "PRIMAIRE", "REPAS", -1).ToDictionary().Keys.ShouldBe(["capacity"]);
    }

    [Fact]
    public void A_new_grid_keeps_its_brackets_in_qf_order()
    {
        var canteen = BookingFixture.Canteen();
        TariffBracket Bracket(int from, int? to) => new(from, to, new Dictionary<string, int> { ["REPAS"] = 300 });

        var changed = ActivityChanges.ChangeTariffs(canteen, new LocalDate(2027, 1, 1), [Bracket(800, null), Bracket(0, 799)], Clerk, At);

        changed.Tariffs.Select(b => b.FromQf).ShouldBe([0, 800]);
        (changed.ActivityId, changed.EffectiveFrom, changed.By, changed.At).ShouldBe((canteen.Id, new LocalDate(2027, 1, 1), Clerk, At));
    }

    [Fact]
    public void New_deadlines_are_recorded_with_their_author()
    {
        var canteen = BookingFixture.Canteen();
        var booking = new Deadline(3, true, new LocalTime(9, 0));
        ActivityChanges.ChangeDeadlines(canteen, booking, booking, Clerk, At).ShouldBe(new DeadlinesChanged(canteen.Id, booking, booking, Clerk, At));
    }
}
