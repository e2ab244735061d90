using NodaTime;
using PortailFamille.Domain.Activities;
using PortailFamille.Domain.Calendar;
using PortailFamille.Domain.Common;

namespace PortailFamille.Domain.Tests.Activities;

public class ActivityRulesTests
{
    private static readonly string[] Units = ["REPAS"];

    private static TariffBracket B(int from, int? to, int price = 100) => new(from, to, new Dictionary<string, int> { ["REPAS"] = price });

    private static Errors Check(params TariffBracket[] brackets)
    {
        var errors = new Errors();
        ActivityRules.CheckTariffs(errors, "tariffs", brackets, Units);
        return errors;
    }

    [Fact]
    public void Brackets_covering_every_qf_from_zero_are_accepted_in_any_order() =>
        Check(B(900, null), B(0, 500), B(500, 900)).Any.ShouldBeFalse();

    [Fact]
    public void A_gap_is_refused() =>
        Check(B(0, 500), B(600, null)).ToDictionary()["tariffs"].ShouldContain("Les tranches laissent un trou entre 500 et 600.");

    [Fact]
    public void An_overlap_is_refused() =>
        Check(B(0, 600), B(500, null)).ToDictionary()["tariffs"].ShouldContain("Les tranches se chevauchent à partir de 500.");

    [Fact]
    public void Brackets_must_start_at_zero_and_end_open() =>
        Check(B(100, 500), B(500, 900)).ToDictionary()["tariffs"].Length.ShouldBe(2);

    [Fact]
    public void Every_unit_needs_a_price_and_prices_cannot_be_negative()
    {
        var errors = new Errors();
        ActivityRules.CheckTariffs(errors, "tariffs", [B(0, null, -1)], ["REPAS", "SOIR"]);
        errors.ToDictionary()["tariffs"].Length.ShouldBe(2);
    }

    [Fact]
    public void The_tariff_in_force_is_the_latest_effective_on_the_service_day()
    {
        var created = new LocalDate(2026, 9, 1);
        var activity = new Activity(Guid.NewGuid(), "CANTINE", "Cantine", "ACCUEIL", created, new LocalDate(2027, 7, 2), [IsoDayOfWeek.Monday],
            Units, Units, [], new Deadline(2, true, new LocalTime(10, 0)), new Deadline(2, true, new LocalTime(10, 0)), "automatic",
            [new TariffGrid(created, [B(0, null, 100)], Instant.FromUtc(2026, 8, 1, 0, 0))]);
        var changed = activity.Apply(new TariffsChanged(activity.Id, new LocalDate(2027, 1, 1), [B(0, null, 150)], Actor.System, Instant.FromUtc(2026, 12, 1, 0, 0)));
        changed.TariffsOn(new LocalDate(2026, 12, 31))[0].PriceCents["REPAS"].ShouldBe(100);
        changed.TariffsOn(new LocalDate(2027, 1, 1))[0].PriceCents["REPAS"].ShouldBe(150);
    }
}
