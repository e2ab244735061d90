using NodaTime;
using PortailFamille.Domain.Common;
using PortailFamille.Domain.Families;

namespace PortailFamille.Domain.Tests.Families;

public class FamilyTests
{
    private static readonly Guid Id = Guid.NewGuid();
    private static readonly Instant At = Instant.FromUtc(2026, 9, 1, 8, 0);

    private static Family Created() => Family.Create(new FamilyFileCreated(Id, "Mme", "Claire", "Martin",
        new Address("1 rue", "34120", "Lézignan"), "claire@example.fr", new Phones(null, null, null, null, null),
        new Allocataire(null, null, null), 650, new LocalDate(2026, 9, 1), 2, Actor.System, At));

    [Fact]
    public void The_quotient_in_force_on_a_day_is_the_latest_effective_before_it()
    {
        var family = Created()
            .Apply(new QuotientFamilialChanged(Id, 420, new LocalDate(2027, 1, 1), Actor.System, At + Duration.FromDays(30)));
        family.QuotientOn(new LocalDate(2026, 12, 31)).ShouldBe(650);
        family.QuotientOn(new LocalDate(2027, 1, 1)).ShouldBe(420);
        family.CurrentQuotient.Value.ShouldBe(420);
        family.CurrentQuotient.EffectiveFrom.ShouldBe(new LocalDate(2027, 1, 1));
    }

    [Fact]
    public void Children_have_an_age_and_make_the_family_searchable()
    {
        var childId = Guid.NewGuid();
        var family = Created().Apply(new ChildAdded(Id, childId, "Léo", "Martin", new LocalDate(2019, 3, 14), "M", Actor.System, At));
        family.ChildById(childId)!.AgeOn(new LocalDate(2026, 3, 13)).ShouldBe(6);
        family.ChildById(childId)!.AgeOn(new LocalDate(2026, 3, 14)).ShouldBe(7);
        family.SearchText.ShouldContain("léo");
        family.ChildIds.ShouldBe([childId]);
    }

    [Theory]
    [InlineData("claire@example.fr", true)]
    [InlineData("claire.martin+portail@mairie-lezignan.fr", true)]
    [InlineData("claire@", false)]
    [InlineData("claire example@x.fr", false)]
    [InlineData("Claire <c@x.fr>", false)]
    [InlineData("c@localhost", false)]
    public void Email_addresses_are_checked(string email, bool valid) => FamilyRules.IsEmail(email).ShouldBe(valid);
}
