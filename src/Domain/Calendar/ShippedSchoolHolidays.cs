using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using PortailFamille.Domain.Common;

namespace PortailFamille.Domain.Calendar;

/// <summary>The zone C school holidays shipped with the product (embedded data file, source named inside).</summary>
public static class ShippedSchoolHolidays
{
    public const string Source = "shipped:zone-c";

    public static IReadOnlyList<CalendarPeriod> Load()
    {
        using var stream = typeof(ShippedSchoolHolidays).Assembly
            .GetManifestResourceStream("PortailFamille.Domain.Calendar.school-holidays-zone-c.json")
            ?? throw new InvalidOperationException("school-holidays-zone-c.json is not embedded");
        using var doc = JsonDocument.Parse(stream);
        return doc.RootElement.GetProperty("periods").EnumerateArray().Select(p =>
        {
            var from = LocalDatePattern.Iso.Parse(p.GetProperty("from").GetString()!).Value;
            var to = LocalDatePattern.Iso.Parse(p.GetProperty("to").GetString()!).Value;
            var label = p.GetProperty("label").GetString()!;
            return new CalendarPeriod(StableId.For("period", $"{Source}:{from}:{to}"), from, to,
                ClosureReason.SchoolHoliday, label, Source);
        }).ToList();
    }
}
