using NodaTime;
using PortailFamille.Domain.Calendar;
using PortailFamille.Domain.Common;

namespace PortailFamille.Domain.Activities;

/// <summary>An activity (prestation) as its stream says it is now; the stream keeps every earlier rule.</summary>
public sealed record Activity(
    Guid Id, string Code, string Label, string Equipment, LocalDate From, LocalDate To,
    IReadOnlyList<IsoDayOfWeek> Weekdays, IReadOnlyList<string> Units, IReadOnlyList<string> MealUnits,
    IReadOnlyList<GroupCapacity> Groups, Deadline BookingDeadline, Deadline CancellationDeadline,
    string Validation, IReadOnlyList<TariffGrid> TariffHistory, Shuttles.ShuttleRoute? Shuttle = null)
{
    public static Guid StreamIdFor(string code) => StableId.For("activity", code);

    public static Activity Create(ActivityCreated e) => new(
        e.ActivityId, e.Code, e.Label, e.Equipment, e.From, e.To, e.Weekdays, e.Units, e.MealUnits,
        e.Groups, e.BookingDeadline, e.CancellationDeadline, e.Validation,
        [new TariffGrid(e.From, e.Tariffs, e.At)], e.Shuttle);

    public Activity Apply(CapacityChanged e) => this with
    {
        Groups = Groups.Select(g => g.Code != e.Group ? g
            : g with { Capacity = new Dictionary<string, int>(g.Capacity) { [e.Unit] = e.Capacity } }).ToList(),
    };

    public Activity Apply(DeadlinesChanged e) =>
        this with { BookingDeadline = e.BookingDeadline, CancellationDeadline = e.CancellationDeadline };

    public Activity Apply(ValidationChanged e) => this with { Validation = e.Validation };

    public Activity Apply(TariffsChanged e) =>
        this with { TariffHistory = [.. TariffHistory, new TariffGrid(e.EffectiveFrom, e.Tariffs, e.At)] };

    public bool HasGroup(string group) => Groups.Any(g => g.Code == group);

    public int CapacityOf(string group, string unit) =>
        Groups.FirstOrDefault(g => g.Code == group)?.Capacity.GetValueOrDefault(unit) ?? 0;

    /// <summary>The grid for a service day: the latest recorded grid effective on or before that day.</summary>
    public IReadOnlyList<TariffBracket> TariffsOn(LocalDate day) =>
        TariffHistory.Where(t => t.EffectiveFrom <= day).OrderBy(t => t.EffectiveFrom).ThenBy(t => t.RecordedAt)
            .LastOrDefault()?.Brackets ?? TariffHistory[0].Brackets;
}
