using NodaTime;
using PortailFamille.Domain.Bookings;
using PortailFamille.Domain.Common;
using PortailFamille.Domain.Families;
using PortailFamille.Domain.Inscriptions;
using PortailFamille.Domain.Meals;
using PortailFamille.Domain.Tests.Bookings;

namespace PortailFamille.Domain.Tests.Meals;

public class MealCountsTests
{
    private static readonly LocalDate Thursday = new(2026, 10, 8);
    private static readonly Instant At = Instant.FromUtc(2026, 10, 1, 8, 0);

    private static Child Child(string diet = ChildDiet.Standard, string? pai = null) =>
        new(Guid.NewGuid(), "Léo", "Martin", new LocalDate(2019, 3, 14), "M", diet, pai);

    /// <summary>Given an inscription with these cells (the booking events that made them).</summary>
    private static Inscription Given(params (LocalDate Date, CellStatus Status)[] cells)
    {
        var inscription = BookingFixture.Child();
        foreach (var (date, status) in cells)
        {
            var slot = new Slot("CANTINE", "PRIMAIRE", "REPAS", date);
            inscription = inscription.Apply(new DayBooked(inscription.Id, slot, At, new SeatEvidence(0, 64), BookingFixture.Parent, At));
            if (status == CellStatus.CancellationRequested) inscription = inscription.Apply(new CancellationRequested(inscription.Id, slot, At, BookingFixture.Parent, At));
            if (status == CellStatus.Free) inscription = inscription.Apply(new DayCancelled(inscription.Id, slot, At, Cause.Parent, BookingFixture.Parent, At));
        }
        return inscription;
    }

    [Fact]
    public void A_seat_held_at_a_meal_unit_is_a_plate_with_the_childs_diet_and_pai_and_a_cancelled_day_is_none()
    {
        var child = Child("sans-porc", PaiKinds.AdaptedMeal);
        var plates = MealCounts.Plates(Given((Thursday, CellStatus.Booked), (Thursday.PlusDays(1), CellStatus.CancellationRequested),
            (Thursday.PlusDays(4), CellStatus.Free)), BookingFixture.Canteen(), child, Thursday, Thursday.PlusDays(6)).ToList();
        plates.Select(p => p.Date).Order().ShouldBe([Thursday, Thursday.PlusDays(1)]);
        plates.ShouldAllBe(p => p.Diet == "sans-porc" && p.Pai == PaiKinds.AdaptedMeal && p.Unit == "REPAS" && p.Group == "PRIMAIRE");
    }

    [Fact]
    public void Days_outside_the_range_and_units_that_are_not_meals_are_left_out()
    {
        var canteen = BookingFixture.Canteen() with { MealUnits = [] };
        MealCounts.Plates(Given((Thursday, CellStatus.Booked)), canteen, Child(), Thursday, Thursday).ShouldBeEmpty();
        MealCounts.Plates(Given((Thursday, CellStatus.Booked)), BookingFixture.Canteen(), Child(), Thursday.PlusDays(1), Thursday.PlusDays(5)).ShouldBeEmpty();
    }

    [Fact]
    public void Counts_split_each_day_by_diet_then_pai_kind_standard_first()
    {
        var canteen = BookingFixture.Canteen();
        var children = new[] { Child(), Child(), Child("vegetarien"), Child(pai: PaiKinds.PackedLunch), Child("vegetarien", PaiKinds.AdaptedMeal) };
        var counts = MealCounts.Count(children.SelectMany(c => MealCounts.Plates(Given((Thursday, CellStatus.Booked)), canteen, c, Thursday, Thursday)));
        counts.Select(c => (c.Diet, c.Pai, c.Count)).ShouldBe([
            ("standard", null, 2), ("standard", PaiKinds.PackedLunch, 1), ("vegetarien", null, 1), ("vegetarien", PaiKinds.AdaptedMeal, 1)]);
        counts.Sum(c => c.Count).ShouldBe(5);
    }
}
