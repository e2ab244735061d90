using NodaTime;
using PortailFamille.Domain.Activities;
using PortailFamille.Domain.Calendar;
using PortailFamille.Domain.Common;

namespace PortailFamille.Domain.Tests.Activities;

public class ActivityChangeLogTests
{
    private static readonly Guid Id = Guid.NewGuid();
    private static readonly Instant At = Instant.FromUtc(2026, 9, 1, 8, 0);
    private static readonly Deadline TwoWorkingDays = new(2, true, new LocalTime(10, 0));
    private static readonly TariffBracket[] Brackets =
    [
        new(0, 500, new Dictionary<string, int> { ["REPAS"] = 100 }),
        new(500, null, new Dictionary<string, int> { ["REPAS"] = 250 }),
    ];

    [Fact]
    public void A_creation_says_every_rule_it_set()
    {
        var text = ActivityChangeLog.Describe(new ActivityCreated(Id, "CANTINE", "CANTINE 2026-2027", "ACCUEIL", new LocalDate(2026, 9, 1),
            new LocalDate(2027, 7, 2), [IsoDayOfWeek.Monday], ["REPAS"], ["REPAS"],
            [new GroupCapacity("MATERNELLE", new Dictionary<string, int> { ["REPAS"] = 35 })], TwoWorkingDays,
            new Deadline(0, false, new LocalTime(9, 0)), ValidationModes.Manual, Brackets, Actor.System, At));
        text.ShouldBe("Activité créée : CANTINE 2026-2027, du 01/09/2026 au 02/07/2027, validation par la mairie ; capacités MATERNELLE REPAS 35 ; " +
                      "réservation 2 jour(s) ouvré(s) avant, avant 10:00, annulation le jour même, avant 09:00 ; " +
                      "tarifs QF 0–500 : REPAS 1,00 € ; QF 500 et plus : REPAS 2,50 €.");
    }

    [Fact]
    public void Each_change_names_what_it_changed()
    {
        ActivityChangeLog.Describe(new CapacityChanged(Id, "PRIMAIRE", "REPAS", 70, Actor.System, At))
            .ShouldBe("Capacité du groupe PRIMAIRE pour REPAS portée à 70 place(s).");
        ActivityChangeLog.Describe(new DeadlinesChanged(Id, TwoWorkingDays, new Deadline(7, false, new LocalTime(12, 0)), Actor.System, At))
            .ShouldBe("Délais changés : réservation 2 jour(s) ouvré(s) avant, avant 10:00, annulation 7 jour(s) avant, avant 12:00 " +
                      "(pour les demandes faites à partir de ce moment).");
        ActivityChangeLog.Describe(new TariffsChanged(Id, new LocalDate(2027, 1, 1), Brackets, Actor.System, At))
            .ShouldBe("Nouveaux tarifs pour les jours à partir du 01/01/2027 non encore facturés : QF 0–500 : REPAS 1,00 € ; QF 500 et plus : REPAS 2,50 €.");
    }

    [Fact]
    public void Changing_the_validation_mode_records_one_event_and_the_same_mode_none()
    {
        var activity = Activity.Create(new ActivityCreated(Id, "MERCREDI", "MERCREDIS", "ACCUEIL", new LocalDate(2026, 9, 1), new LocalDate(2027, 7, 2),
            [IsoDayOfWeek.Wednesday], ["REPAS"], ["REPAS"], [new GroupCapacity("PRIMAIRE", new Dictionary<string, int> { ["REPAS"] = 36 })],
            TwoWorkingDays, TwoWorkingDays, ValidationModes.Manual, Brackets, Actor.System, At));
        var clerk = Actor.Staff(Guid.NewGuid());

        ActivityRules.ChangeValidation(activity, ValidationModes.Manual, clerk, At).ShouldBeEmpty();
        var changed = ActivityRules.ChangeValidation(activity, ValidationModes.Automatic, clerk, At).Cast<ValidationChanged>().Single();
        (changed.Validation, changed.By).ShouldBe((ValidationModes.Automatic, clerk));
        activity.Apply(changed).Validation.ShouldBe(ValidationModes.Automatic);
        ActivityChangeLog.Describe(changed).ShouldStartWith("Validation automatique");
        ActivityRules.IsValidationMode("auto").ShouldBeFalse();
    }
}
