using System.Collections.Concurrent;
using NodaTime;
using PublicHoliday;

namespace PortailFamille.Domain.Calendar;

/// <summary>French public holidays with their French names, from the PublicHoliday package.</summary>
public sealed class PublicHolidays
{
    private readonly FrancePublicHoliday.Regions _region;
    private readonly ConcurrentDictionary<int, IReadOnlyDictionary<LocalDate, string>> _byYear = new();

    /// <param name="alsaceMoselle">Adds Good Friday and 26 December (local law of Alsace-Moselle).</param>
    public PublicHolidays(bool alsaceMoselle = false) =>
        _region = alsaceMoselle ? FrancePublicHoliday.Regions.AlsaceMoselle : FrancePublicHoliday.Regions.OnlyOfficial;

    public bool IsPublicHoliday(LocalDate date) => ForYear(date.Year).ContainsKey(date);

    public string? Label(LocalDate date) => ForYear(date.Year).GetValueOrDefault(date);

    public IReadOnlyDictionary<LocalDate, string> ForYear(int year) =>
        _byYear.GetOrAdd(year, y => new FrancePublicHoliday { Region = _region }
            .PublicHolidayNames(y)
            .ToDictionary(kv => LocalDate.FromDateTime(kv.Key), kv => kv.Value));
}
