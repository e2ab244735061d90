using NodaTime;
using PortailFamille.Domain.Calendar;
using PortailFamille.Domain.Common;

namespace PortailFamille.Domain.Tests.Calendar;

public class OfficialCalendarImportTests
{
    private static readonly DateTimeZone Paris = DateTimeZoneProviders.Tzdb["Europe/Paris"];

    private static string ReferenceFile()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            // A copy of ../shared/reference/calendrier-scolaire-zone-c-2026-2027.json, so a clone is self-contained.
            var local = Path.Combine(dir.FullName, "tests", "Domain.Tests", "Calendar", "calendrier-scolaire-zone-c-2026-2027.json");
            if (File.Exists(local)) return File.ReadAllText(local);
        }
        throw new FileNotFoundException("calendrier-scolaire-zone-c-2026-2027.json");
    }

    private static string Iso(LocalDate d) => NodaTime.Text.LocalDatePattern.Iso.Format(d);

    [Fact]
    public void The_ministry_json_gives_the_days_without_school_of_zone_c_pupils()
    {
        var periods = OfficialCalendarImport.FromJson(ReferenceFile(), "C", Paris, "import");
        periods.Select(p => (Iso(p.From), Iso(p.To), p.Label)).ShouldBe(
        [
            ("2026-10-18", "2026-11-01", "Vacances de la Toussaint"),
            ("2026-12-20", "2027-01-03", "Vacances de Noël"),
            ("2027-02-07", "2027-02-21", "Vacances d'Hiver"),
            ("2027-05-07", "2027-05-07", "Pont de l'Ascension"),
            ("2027-07-03", "2027-08-31", "Vacances d'Été"),
        ]);
        periods.ShouldAllBe(p => p.Reason == ClosureReason.SchoolHoliday);
    }

    [Fact]
    public void Zone_b_rows_and_teachers_rows_are_left_out()
    {
        var periods = OfficialCalendarImport.FromJson(ReferenceFile(), "B", Paris, "import");
        periods.Single().From.ShouldBe(new LocalDate(2027, 2, 21)); // Lille, winter: after the start day
    }

    [Fact]
    public void The_ics_export_gives_the_same_days_with_its_exclusive_end()
    {
        const string ics = """
            BEGIN:VCALENDAR
            VERSION:2.0
            PRODID:-//test//FR
            BEGIN:VEVENT
            UID:1
            DTSTAMP:20260101T000000Z
            SUMMARY:Vacances de la Toussaint - Zone C
            DTSTART;VALUE=DATE:20261017
            DTEND;VALUE=DATE:20261102
            END:VEVENT
            BEGIN:VEVENT
            UID:2
            DTSTAMP:20260101T000000Z
            SUMMARY:Vacances d'Hiver - Zone A
            DTSTART;VALUE=DATE:20270213
            DTEND;VALUE=DATE:20270301
            END:VEVENT
            END:VCALENDAR
            """;
        var periods = OfficialCalendarImport.FromIcs(ics, "C", "import");
        periods.Single().ShouldSatisfyAllConditions(
            p => p.From.ShouldBe(new LocalDate(2026, 10, 17)),
            p => p.To.ShouldBe(new LocalDate(2026, 11, 1)),
            p => p.Label.ShouldBe("Vacances de la Toussaint"));
    }

    [Fact]
    public void Periods_already_closed_are_not_recorded_twice()
    {
        var shipped = ShippedSchoolHolidays.Load();
        var calendar = new CommuneCalendar(CommuneCalendar.StreamId, shipped);
        var imported = OfficialCalendarImport.FromJson(ReferenceFile(), "C", Paris, "import");
        CommuneCalendar.NotYetRecorded(calendar, imported).ShouldBeEmpty();
        CommuneCalendar.NotYetRecorded(null, imported).Count.ShouldBe(imported.Count);
    }

    [Fact]
    public void A_shipped_period_staff_removed_is_not_recorded_again_but_an_import_of_its_days_is()
    {
        var shipped = ShippedSchoolHolidays.Load();
        var removed = shipped[0];
        var calendar = shipped.Select(p => new CalendarPeriodAdded(CommuneCalendar.StreamId, p, Actor.System, Instant.MinValue))
            .Aggregate((CommuneCalendar?)null, (c, e) => c is null ? CommuneCalendar.Create(e) : c.Apply(e))!
            .Apply(new CalendarPeriodRemoved(CommuneCalendar.StreamId, removed.PeriodId, Actor.Staff(Guid.NewGuid()), Instant.MinValue));

        CommuneCalendar.NotYetRecorded(calendar, shipped).ShouldBeEmpty();
        var reimported = removed with { PeriodId = Guid.NewGuid(), Source = "import" };
        CommuneCalendar.NotYetRecorded(calendar, [reimported]).ShouldBe([reimported]);
    }

    [Fact]
    public void An_unreadable_file_is_a_format_error()
    {
        Should.Throw<FormatException>(() => OfficialCalendarImport.FromJson("{\"x\":1}", "C", Paris, "import"));
        Should.Throw<FormatException>(() => OfficialCalendarImport.FromJson(
            """[{"zones":"Zone C","description":"X","start_date":"demain","end_date":"2027-01-01T00:00:00+00:00"}]""", "C", Paris, "import"));
    }
}
