using NodaTime;
using PortailFamille.Domain.Activities;
using PortailFamille.Domain.Calendar;
using PortailFamille.Domain.Common;
using Shouldly;

namespace PortailFamille.Domain.Tests.Activities;

public class ActivityCreationTests
{
    private static readonly Instant At = Instant.FromUtc(2026, 6, 1, 9, 0);
    private static readonly Actor Clerk = Actor.Staff(Guid.NewGuid());
    private static readonly Deadline TwoDaysBefore = new(2, true, new LocalTime(10, 0));

    private static ActivityDescription Canteen() => new("CANTINE", " Cantine 2026-2027 ", "École", new LocalDate(2026, 9, 1), new LocalDate(2027, 7, 2),
        ["thursday", "monday"], ["REPAS"], ["REPAS"], [new GroupCapacity("PRIMAIRE", new Dictionary<string, int> { ["REPAS"] = 64 })],
        TwoDaysBefore, TwoDaysBefore, ValidationModes.Automatic,
        [new TariffBracket(700, null, new Dictionary<string, int> { ["REPAS"] = 380 }), new TariffBracket(0, 700, new Dictionary<string, int> { ["REPAS"] = 250 })]);

    [Fact]
    public void A_description_that_holds_together_is_created_with_its_weekdays_in_order_its_label_trimmed_and_its_brackets_by_qf()
    {
        var errors = new Errors();

        var created = ActivityCreation.Create(Canteen(), errors, Clerk, At);

        errors.Any.ShouldBeFalse();
        created.ShouldNotBeNull();
        created.ActivityId.ShouldBe(Activity.StreamIdFor("CANTINE"));
        created.Label.ShouldBe("Cantine 2026-2027");
        created.Weekdays.ShouldBe([IsoDayOfWeek.Monday, IsoDayOfWeek.Thursday]);
        created.Tariffs.Select(t => t.FromQf).ShouldBe([0, 700]);
        (created.By, created.At).ShouldBe((Clerk, At));
    }

    [Fact]
    public void Every_part_that_does_not_hold_is_named_and_nothing_is_created()
    {
        var errors = new Errors();
        var broken = Canteen() with
        {
            Code = "cantine scolaire", To = new LocalDate(2026, 8, 31), Weekdays = ["monday", "monday"], MealUnits = ["GOUTER"],
            Groups = [new GroupCapacity("PRIMAIRE", new Dictionary<string, int> { ["SOIR"] = 10 })], Validation = "auto",
        };

        ActivityCreation.Create(broken, errors, Clerk, At).ShouldBeNull();

        errors.ToDictionary().Keys.ShouldBe(["code", "to", "validation", "weekdays", "mealUnits", "groups.PRIMAIRE.capacity"], ignoreOrder: true);
    }

    [Fact]
    public void An_unreadable_deadline_creates_nothing_its_reader_already_said_why()
    {
        var errors = new Errors();

        ActivityCreation.Create(Canteen() with { CancellationDeadline = null }, errors, Clerk, At).ShouldBeNull();

        errors.Any.ShouldBeFalse();
    }

    [Fact]
    public void Weekdays_are_read_and_named_in_the_contract_s_english_lower_case()
    {
        Weekdays.Parse("wednesday").ShouldBe(IsoDayOfWeek.Wednesday);
        Weekdays.Parse("Wednesday").ShouldBeNull();
        Weekdays.Name(IsoDayOfWeek.Sunday).ShouldBe("sunday");
    }
}
