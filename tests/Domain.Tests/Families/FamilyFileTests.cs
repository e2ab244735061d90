using NodaTime;
using PortailFamille.Domain.Common;
using PortailFamille.Domain.Families;

namespace PortailFamille.Domain.Tests.Families;

/// <summary>Staff writing the family file back: only what changed becomes an event, with its author.</summary>
public class FamilyFileTests
{
    private static readonly Guid Id = Guid.NewGuid();
    private static readonly Instant At = Instant.FromUtc(2026, 10, 1, 8, 0);
    private static readonly Actor Clerk = Actor.Staff(Guid.NewGuid());
    private static readonly LocalDate Today = new(2026, 10, 1);

    private static Family Given() => Family.Create(new FamilyFileCreated(Id, "Mme", "Claire", "Martin",
        new Address("1 rue", "34120", "Lézignan", "Bât. B"), "claire@example.fr", new Phones(Mobile1: "06 12 34 56 78"),
        new Allocataire("Claire Martin", "CAF", "1234567"), 650, new LocalDate(2026, 9, 1), 2, Actor.System, At));

    private static FamilyFileFields AsItIs(Family f) =>
        new(f.Civility, f.FirstName, f.LastName, f.Address, f.Phones, f.Allocataire, f.DependentChildren);

    [Fact]
    public void The_same_file_written_back_changes_nothing_even_with_blanks_and_spaces()
    {
        var family = Given();
        var fields = AsItIs(family) with { FirstName = " Claire ", Phones = family.Phones with { Home = "  " } };
        FamilyFile.Edit(family, fields, Clerk, At).ShouldBeEmpty();
    }

    [Fact]
    public void Only_the_changed_data_are_recorded_with_their_author_and_the_phones_apart()
    {
        var family = Given();
        var fields = AsItIs(family) with
        {
            LastName = "Martin-Roux", Address = family.Address with { Line2 = "" }, DependentChildren = 3,
            Allocataire = family.Allocataire with { Regime = "MSA" }, Phones = new Phones(Home: "04 67 00 00 00"),
        };

        var events = FamilyFile.Edit(family, fields, Clerk, At);

        var data = events.OfType<FamilyDataChanged>().Single();
        data.Changes.ShouldBe(new Dictionary<string, string>
        {
            ["lastName"] = "Martin-Roux", ["address.line2"] = "", ["allocataire.regime"] = "MSA", ["dependentChildren"] = "3",
        }, ignoreOrder: true);
        data.By.ShouldBe(Clerk);
        data.RequestId.ShouldBeNull();
        events.OfType<FamilyPhonesChanged>().Single().Phones.ShouldBe(new Phones(Home: "04 67 00 00 00"));
    }

    [Fact]
    public void Applying_the_edit_gives_the_file_as_written()
    {
        var family = Given();
        var fields = AsItIs(family) with { Civility = "M", FirstName = "Paul", Address = new Address("3 place", "34000", "Montpellier"),
            Allocataire = new Allocataire(), DependentChildren = 0 };

        var after = FamilyFile.Edit(family, fields, Clerk, At).Aggregate(family, (f, e) => e switch
        {
            FamilyDataChanged d => f.Apply(d),
            FamilyPhonesChanged p => f.Apply(p),
            _ => f,
        });

        AsItIs(after).ShouldBe(fields with { Phones = family.Phones });
        after.Address.Line2.ShouldBeNull();
        after.Allocataire.ShouldBe(new Allocataire());
    }

    [Theory]
    [InlineData("civility")]
    [InlineData("firstName")]
    [InlineData("address.postalCode")]
    [InlineData("allocataire.regime")]
    [InlineData("allocataire.number")]
    [InlineData("phones.mobile1")]
    [InlineData("dependentChildren")]
    public void A_bad_field_is_refused_by_name(string field)
    {
        var f = AsItIs(Given());
        var bad = field switch
        {
            "civility" => f with { Civility = "Mlle" },
            "firstName" => f with { FirstName = " " },
            "address.postalCode" => f with { Address = f.Address with { PostalCode = "341" } },
            "allocataire.regime" => f with { Allocataire = f.Allocataire with { Regime = "SNCF" } },
            "allocataire.number" => f with { Allocataire = f.Allocataire with { Number = "12-34" } },
            "phones.mobile1" => f with { Phones = new Phones(Mobile1: "appelez-moi") },
            _ => f with { DependentChildren = 31 },
        };
        FamilyFile.Check(bad).ToDictionary().Keys.ShouldBe([field]);
        FamilyFile.Check(f).Any.ShouldBeFalse();
    }

    [Fact]
    public void A_child_edit_records_only_what_changed_and_applies_back()
    {
        var childId = Guid.NewGuid();
        var family = Given().Apply(new ChildAdded(Id, childId, "Léo", "Martin", new LocalDate(2019, 3, 14), "M", Actor.System, At));

        FamilyFile.EditChild(family, childId, new ChildFields("Léo", "Martin", new LocalDate(2019, 3, 14), "M"), Clerk, At).ShouldBeEmpty();
        var changed = FamilyFile.EditChild(family, childId, new ChildFields(" Léon ", "Martin", new LocalDate(2019, 3, 15), "M"), Clerk, At)
            .Cast<ChildDataChanged>().Single();

        changed.Changes.ShouldBe(new Dictionary<string, string> { ["firstName"] = "Léon", ["birthDate"] = "2019-03-15" }, ignoreOrder: true);
        changed.By.ShouldBe(Clerk);
        family.Apply(changed).ChildById(childId).ShouldBe(new Child(childId, "Léon", "Martin", new LocalDate(2019, 3, 15), "M"));
    }

    [Theory]
    [InlineData("2026-10-02", false)]
    [InlineData("2026-10-01", true)]
    [InlineData("2001-10-02", true)]
    [InlineData("2001-10-01", false)]
    public void A_birth_date_is_past_and_under_25_years_ago(string birthDate, bool valid)
    {
        var date = NodaTime.Text.LocalDatePattern.Iso.Parse(birthDate).Value;
        FamilyRules.IsBirthDate(date, Today).ShouldBe(valid);
        FamilyFile.CheckChild(new ChildFields("Léo", "Martin", date, "M"), Today).Any.ShouldBe(!valid);
    }
}
