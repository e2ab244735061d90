using NodaTime;
using PortailFamille.Domain.Calendar;
using PortailFamille.Domain.Common;

namespace PortailFamille.Domain.Activities;

public sealed record GroupCapacity(string Code, IReadOnlyDictionary<string, int> Capacity);

/// <summary>A QF bracket: <c>FromQf</c> included, <c>ToQf</c> excluded (none for the last one).</summary>
public sealed record TariffBracket(int FromQf, int? ToQf, IReadOnlyDictionary<string, int> PriceCents);

public sealed record TariffGrid(LocalDate EffectiveFrom, IReadOnlyList<TariffBracket> Brackets, Instant RecordedAt);

public static class ValidationModes
{
    public const string Automatic = "automatic";
    public const string Manual = "manual";
}

public sealed record ActivityCreated(
    Guid ActivityId, string Code, string Label, string Equipment, LocalDate From, LocalDate To,
    IReadOnlyList<IsoDayOfWeek> Weekdays, IReadOnlyList<string> Units, IReadOnlyList<string> MealUnits,
    IReadOnlyList<GroupCapacity> Groups, Deadline BookingDeadline, Deadline CancellationDeadline,
    string Validation, IReadOnlyList<TariffBracket> Tariffs, Actor By, Instant At, Shuttles.ShuttleRoute? Shuttle = null);

public sealed record CapacityChanged(Guid ActivityId, string Group, string Unit, int Capacity, Actor By, Instant At);

public sealed record DeadlinesChanged(Guid ActivityId, Deadline BookingDeadline, Deadline CancellationDeadline, Actor By, Instant At);

/// <summary>From now on the activity's requests are decided automatically (within the seats) or by the mairie; requests already
/// waiting stay waiting for staff (or their cut-off).</summary>
public sealed record ValidationChanged(Guid ActivityId, string Validation, Actor By, Instant At);

public sealed record TariffsChanged(Guid ActivityId, LocalDate EffectiveFrom, IReadOnlyList<TariffBracket> Tariffs, Actor By, Instant At);
