using NodaTime;
using PortailFamille.Domain.Common;
using PortailFamille.Domain.Families;

namespace PortailFamille.Domain.Tests.Families;

public class ChildDietTests
{
    private static readonly Guid Id = Guid.NewGuid();
    private static readonly Guid ChildId = Guid.NewGuid();
    private static readonly Instant At = Instant.FromUtc(2026, 9, 1, 8, 0);
    private static readonly string[] Diets = ["standard", "sans-porc", "vegetarien"];

    private static Family Given() => Family.Create(new FamilyFileCreated(Id, "Mme", "Claire", "Martin", new Address("1 rue", "34120", "Lézignan"),
            "claire@example.fr", new Phones(), new Allocataire(), 650, new LocalDate(2026, 9, 1), 1, Actor.System, At))
        .Apply(new ChildAdded(Id, ChildId, "Léo", "Martin", new LocalDate(2019, 3, 14), "M", Actor.System, At));

    [Fact]
    public void A_child_eats_standard_without_a_pai_until_staff_say_otherwise()
    {
        var child = Given().ChildById(ChildId)!;
        (child.Diet, child.Pai).ShouldBe(("standard", (string?)null));
        ChildDiet.Set(Given(), ChildId, "standard", null, Actor.System, At).ShouldBeEmpty();
    }

    [Fact]
    public void Setting_a_diet_and_a_pai_is_one_event_that_applies_back()
    {
        var clerk = Actor.Staff(Guid.NewGuid());
        var set = ChildDiet.Set(Given(), ChildId, "sans-porc", PaiKinds.PackedLunch, clerk, At).Cast<ChildDietSet>().Single();
        (set.Diet, set.Pai, set.By).ShouldBe(("sans-porc", PaiKinds.PackedLunch, clerk));
        var after = Given().Apply(set);
        (after.ChildById(ChildId)!.Diet, after.ChildById(ChildId)!.Pai).ShouldBe(("sans-porc", PaiKinds.PackedLunch));
        ChildDiet.Set(after, ChildId, "sans-porc", PaiKinds.PackedLunch, clerk, At).ShouldBeEmpty();
        ChildDiet.Set(after, ChildId, "sans-porc", null, clerk, At).Cast<ChildDietSet>().Single().Pai.ShouldBeNull(); // the PAI ends
    }

    [Theory]
    [InlineData("halal", null, "diet")]
    [InlineData(null, null, "diet")]
    [InlineData("vegetarien", "allergie", "pai")]
    public void Only_the_communes_diets_and_the_two_pai_kinds_are_accepted(string? diet, string? pai, string field)
    {
        ChildDiet.Check(diet, pai, Diets).ToDictionary().Keys.ShouldBe([field]);
        ChildDiet.Check("vegetarien", PaiKinds.AdaptedMeal, Diets).Any.ShouldBeFalse();
    }

    [Fact]
    public void A_parent_may_ask_for_a_diet_or_a_pai_change_among_the_communes_values_only()
    {
        var today = new LocalDate(2026, 10, 1);
        Errors Check(string field, string value)
        {
            var errors = new Errors();
            Domain.Requests.RequestRules.CheckChildChanges(errors, new Dictionary<string, string> { [field] = value }, today, Diets);
            return errors;
        }
        Check("diet", "sans-porc").Any.ShouldBeFalse();
        Check("pai", "aucun").Any.ShouldBeFalse();
        Check("pai", PaiKinds.AdaptedMeal).Any.ShouldBeFalse();
        Check("diet", "halal").ToDictionary().Keys.ShouldBe(["changes.diet"]);
        Check("pai", "allergie").ToDictionary().Keys.ShouldBe(["changes.pai"]);
    }

    [Fact]
    public void Accepting_a_child_change_records_identity_and_diet_apart_and_only_what_changes()
    {
        var clerk = Actor.Staff(Guid.NewGuid());
        var requestId = Guid.NewGuid();
        var events = Domain.Requests.RequestRules.AcceptChildChange(Given(), ChildId,
            new Dictionary<string, string> { ["firstName"] = "Léon", ["pai"] = PaiKinds.AdaptedMeal }, clerk, At, requestId);
        events.Count.ShouldBe(2);
        var identity = events.OfType<ChildDataChanged>().Single();
        identity.Changes.Keys.ShouldBe(["firstName"]);
        var diet = events.OfType<ChildDietSet>().Single();
        (diet.Diet, diet.Pai, diet.RequestId).ShouldBe(("standard", PaiKinds.AdaptedMeal, (Guid?)requestId)); // the diet stays as it was

        var after = Given().Apply(diet);
        Domain.Requests.RequestRules.AcceptChildChange(after, ChildId, new Dictionary<string, string> { ["pai"] = PaiKinds.AdaptedMeal }, clerk, At, requestId)
            .ShouldBeEmpty();
        Domain.Requests.RequestRules.AcceptChildChange(after, ChildId, new Dictionary<string, string> { ["pai"] = "aucun" }, clerk, At, requestId)
            .OfType<ChildDietSet>().Single().Pai.ShouldBeNull();
    }
}
