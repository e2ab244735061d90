using NodaTime;
using PortailFamille.Domain.Common;
using PortailFamille.Domain.Families;

namespace PortailFamille.Domain.Tests.Families;

/// <summary>Staff's direct changes to a family: the e-mail (the parent's login), the QF, a child; the parent's phones.</summary>
public class FamilyContactTests
{
    private static readonly Guid Id = Guid.NewGuid();
    private static readonly Instant At = Instant.FromUtc(2026, 10, 1, 8, 0);
    private static readonly Actor Clerk = Actor.Staff(Guid.NewGuid());

    private static Family Given() => Family.Create(new FamilyFileCreated(Id, "Mme", "Claire", "Martin",
        new Address("1 rue", "34120", "Lézignan"), "claire@example.fr", new Phones(Mobile1: "06 12 34 56 78"),
        new Allocataire("Claire Martin", "CAF", "1234567"), 650, new LocalDate(2026, 9, 1), 2, Actor.System, At));

    [Fact]
    public void A_new_address_is_recorded_normalized_and_the_same_address_records_nothing()
    {
        FamilyContact.ChangeEmail(Given(), "  Claire@Example.FR ", Clerk, At).ShouldBeEmpty();
        FamilyContact.ChangeEmail(Given(), " Claire.Martin@Example.fr", Clerk, At)
            .ShouldBe([new FamilyEmailChanged(Id, "claire.martin@example.fr", Clerk, At)]);
        FamilyContact.CheckEmail("pas-une-adresse").ToDictionary().Keys.ShouldBe(["email"]);
        FamilyContact.CheckEmail("claire@example.fr").Any.ShouldBeFalse();
    }

    [Fact]
    public void The_same_phones_record_nothing_and_new_ones_replace_all_five()
    {
        var family = Given();
        FamilyContact.ChangePhones(family, new Phones(Mobile1: "06 12 34 56 78"), Actor.Parent(Guid.NewGuid()), At).ShouldBeEmpty();
        FamilyContact.ChangePhones(family, new Phones(Home: "04 67 00 00 00"), Clerk, At)
            .ShouldBe([new FamilyPhonesChanged(Id, new Phones(Home: "04 67 00 00 00"), Clerk, At)]);
    }

    [Fact]
    public void A_child_added_by_staff_has_trimmed_names_and_the_given_id()
    {
        var childId = Guid.NewGuid();
        FamilyContact.AddChild(Given(), childId, new ChildFields(" Léa ", " Martin ", new LocalDate(2019, 4, 2), "F"), Clerk, At)
            .ShouldBe(new ChildAdded(Id, childId, "Léa", "Martin", new LocalDate(2019, 4, 2), "F", Clerk, At));
    }

    [Fact]
    public void A_new_quotient_takes_effect_on_its_date()
    {
        var changed = FamilyContact.ChangeQuotient(Given(), 820, new LocalDate(2027, 1, 1), Clerk, At);
        Given().Apply(changed).QuotientHistory.Last().ShouldBe(new QuotientFamilialEntry(820, new LocalDate(2027, 1, 1), At));
    }
}
