using NodaTime;
using NodaTime.Text;
using PortailFamille.Domain.Activities;
using PortailFamille.Domain.Calendar;
using PortailFamille.Domain.Common;

namespace PortailFamille.Api.Activities;

/// <summary><c>{daysBefore, workingDays, at:"10:00"}</c>: the cut-off for day D.</summary>
public sealed record DeadlineDto(int DaysBefore, bool WorkingDays, string At)
{
    private static readonly LocalTimePattern Pattern = LocalTimePattern.CreateWithInvariantCulture("HH:mm");

    public static DeadlineDto From(Deadline d) => new(d.DaysBefore, d.WorkingDays, Pattern.Format(d.At));

    public Deadline? ToDeadline(Errors errors, string field)
    {
        var at = Pattern.Parse(At ?? "");
        if (!at.Success) errors.Add($"{field}.at", "L'heure limite doit être au format HH:mm (par exemple 10:00).");
        var deadline = new Deadline(DaysBefore, WorkingDays, at.Success ? at.Value : LocalTime.Midnight);
        ActivityRules.CheckDeadline(errors, field, deadline);
        return errors.Any ? null : deadline;
    }
}

public sealed record GroupDto(string Code, Dictionary<string, int> Capacity);

public sealed record TariffDto(int FromQf, Dictionary<string, int> PriceCents, int? ToQf = null)
{
    public static TariffDto From(TariffBracket b) => new(b.FromQf, new Dictionary<string, int>(b.PriceCents), b.ToQf);
    public TariffBracket ToBracket() => new(FromQf, ToQf, PriceCents);
}

public sealed record ActivityView(
    string Code, string Label, string Equipment, LocalDate From, LocalDate To, string[] Weekdays, IReadOnlyList<string> Units,
    IReadOnlyList<string> MealUnits, GroupDto[] Groups, DeadlineDto BookingDeadline, DeadlineDto CancellationDeadline,
    string Validation, TariffDto[] Tariffs, Shuttles.ShuttleView? Shuttle = null)
{
    public static ActivityView Of(Activity a, LocalDate today) => new(
        a.Code, a.Label, a.Equipment, a.From, a.To, a.Weekdays.Select(Domain.Activities.Weekdays.Name).ToArray(), a.Units, a.MealUnits,
        a.Groups.Select(g => new GroupDto(g.Code, new Dictionary<string, int>(g.Capacity))).ToArray(),
        DeadlineDto.From(a.BookingDeadline), DeadlineDto.From(a.CancellationDeadline), a.Validation,
        a.TariffsOn(today < a.From ? a.From : today).Select(TariffDto.From).ToArray(), Shuttles.ShuttleView.Of(a));
}
