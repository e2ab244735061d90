using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using PortailFamille.Domain.Common;

namespace PortailFamille.Domain.Calendar;

/// <summary>
/// Reads the Ministry's "fr-en-calendrier-scolaire" export (JSON records or an ICS file) into
/// school-holiday periods of one zone, as days without school.
/// </summary>
public static class OfficialCalendarImport
{
    /// <summary>JSON: start/end are midnight Paris time in UTC; pupils leave after class on the start day
    /// and come back the morning of the end day. Start = end is a single day off; summer has no real end.</summary>
    public static IReadOnlyList<CalendarPeriod> FromJson(string json, string zone, DateTimeZone timeZone, string source)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        var records = root.ValueKind == JsonValueKind.Array ? root
            : root.TryGetProperty("results", out var results) ? results
            : throw new FormatException("Le fichier JSON doit être une liste d'enregistrements du calendrier scolaire.");
        var periods = new List<CalendarPeriod>();
        foreach (var raw in records.EnumerateArray())
        {
            var record = raw.TryGetProperty("fields", out var fields) ? fields : raw;
            if (!string.Equals(Text(record, "zones"), $"Zone {zone}", StringComparison.OrdinalIgnoreCase)) continue;
            if (Text(record, "population") is "Enseignants") continue;
            var label = Text(record, "description") ?? "Vacances scolaires";
            var start = LocalDay(Text(record, "start_date"), timeZone);
            var end = LocalDay(Text(record, "end_date"), timeZone);
            var (from, to) = label.Contains("Été", StringComparison.OrdinalIgnoreCase)
                ? (start, new LocalDate(start.Year, 8, 31))
                : start == end ? (start, start) : (start.PlusDays(1), end.PlusDays(-1));
            if (to < from) continue;
            periods.Add(Period(from, to, label.Replace("Début des ", ""), source));
        }
        return Distinct(periods);
    }

    /// <summary>ICS: each VEVENT's all-day DTSTART..DTEND (end exclusive, RFC 5545) are the days off.</summary>
    public static IReadOnlyList<CalendarPeriod> FromIcs(string ics, string zone, string source)
    {
        var calendar = Ical.Net.Calendar.Load(ics) ?? throw new FormatException("Fichier ICS illisible.");
        var periods = new List<CalendarPeriod>();
        foreach (var e in calendar.Events)
        {
            var summary = e.Summary ?? "Vacances scolaires";
            if (summary.Contains("Zone", StringComparison.OrdinalIgnoreCase)
                && !summary.Contains($"Zone {zone}", StringComparison.OrdinalIgnoreCase)) continue;
            if (summary.Contains("Enseignants", StringComparison.OrdinalIgnoreCase)) continue;
            if (e.DtStart is null) continue;
            var from = new LocalDate(e.DtStart.Year, e.DtStart.Month, e.DtStart.Day);
            var to = e.DtEnd is { } end ? new LocalDate(end.Year, end.Month, end.Day).PlusDays(-1) : from;
            if (summary.Contains("Été", StringComparison.OrdinalIgnoreCase) && to <= from)
                to = new LocalDate(from.Year, 8, 31);
            if (to < from) to = from;
            var label = summary.Split(" - ")[0].Replace("Début des ", "").Trim();
            periods.Add(Period(from, to, label, source));
        }
        return Distinct(periods);
    }

    private static CalendarPeriod Period(LocalDate from, LocalDate to, string label, string source) =>
        new(StableId.For("period", $"{source}:{from}:{to}"), from, to, ClosureReason.SchoolHoliday, label, source);

    private static IReadOnlyList<CalendarPeriod> Distinct(IEnumerable<CalendarPeriod> periods) =>
        periods.DistinctBy(p => (p.From, p.To)).OrderBy(p => p.From).ToList();

    private static string? Text(JsonElement record, string name) =>
        record.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static LocalDate LocalDay(string? value, DateTimeZone zone)
    {
        var parsed = OffsetDateTimePattern.ExtendedIso.Parse(value ?? "");
        if (!parsed.Success) throw new FormatException($"Date illisible dans le fichier : « {value} ».");
        return parsed.Value.ToInstant().InZone(zone).Date;
    }
}
