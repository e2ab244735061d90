using System.Diagnostics;
using Activity = PortailFamille.Domain.Activities.Activity;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Marten;
using Marten.Events;
using NodaTime;
using NodaTime.Text;
using PortailFamille.Domain.Activities;
using PortailFamille.Domain.Bookings;
using PortailFamille.Domain.Common;
using PortailFamille.Domain.Families;
using PortailFamille.Domain.Money;

namespace PortailFamille.Bench;

/// <summary>
/// Invoicing a month for a whole city: N families whose child ate and stayed at the garderie on ten October days
/// (every fourth with a justified absence), then one <c>POST /api/staff/invoicing</c> timed end to end, checked for
/// one invoice per family, gapless numbers and the exact total, and run a second time (it must issue nothing).
/// </summary>
public static class Invoicing
{
    public static async Task<int> RunAsync(BenchOptions options, IDocumentStore store, string? recordTo)
    {
        var families = options.Children;
        Console.WriteLine($"bench: seeding {families} families with a month of bookings …");
        var seedClock = Stopwatch.StartNew();
        var children = await Seeder.SeedAsync(store, families, options.ClockNow);
        var expected = await BookOctoberAsync(store, children, options.ClockNow);
        await store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromMinutes(10));
        Console.WriteLine($"bench: seeded in {seedClock.Elapsed.TotalSeconds:F0} s; invoicing October …");

        using var http = new HttpClient { BaseAddress = new Uri(options.Url), Timeout = TimeSpan.FromMinutes(30) };
        var token = Tokens.Staff(options.ClockNow);
        var (first, firstSeconds) = await InvoiceAsync(http, token);
        var (second, secondSeconds) = await InvoiceAsync(http, token);

        var numbers = first.Select(i => i.GetProperty("number").GetString()!).Order(StringComparer.Ordinal).ToList();
        var gapless = numbers.SequenceEqual(Enumerable.Range(1, numbers.Count).Select(n => InvoiceNumber.Format(2026, n)));
        var total = first.Sum(i => (long)i.GetProperty("amountCents").GetInt32());
        var ok = first.Count == families && gapless && total == expected && second.Count == 0;
        var header = "| date | families | invoices | events appended | time (s) | invoices/s | second run (s) | total € | exact | machine |\n" +
                     "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |";
        var row = $"| {DateTime.UtcNow:yyyy-MM-dd HH:mm} | {families:N0} | {first.Count:N0} | {first.Count + 2 * families:N0} | {firstSeconds:F1} | " +
                  $"{first.Count / firstSeconds:F0} | {secondSeconds:F1} | {total / 100m:N2} | {(ok ? "yes" : "NO")} | {Machine.Describe(options)} |";
        await Report.ShowAsync(recordTo, "Monthly invoicing (ops/bench --invoicing)", header, row);
        if (!ok) Console.WriteLine($"bench: invoicing disagrees: {first.Count} invoices for {families} families, gapless {gapless}, " +
                                   $"total {total} for {expected} expected, second run {second.Count}");
        return ok ? 0 : 1;
    }

    private static async Task<(List<JsonElement> Invoices, double Seconds)> InvoiceAsync(HttpClient http, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/staff/invoicing") { Content = JsonContent.Create(new { month = "2026-10" }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var clock = Stopwatch.StartNew();
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        clock.Stop();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"invoicing answered {(int)response.StatusCode}: {body}");
        return (body.GetProperty("invoices").EnumerateArray().ToList(), clock.Elapsed.TotalSeconds);
    }

    /// <summary>Books the ten days straight in the streams and returns what they must cost, priced here from the
    /// tariff grids (a justified absence is free).</summary>
    private static async Task<long> BookOctoberAsync(IDocumentStore store, IReadOnlyList<SeededChild> children, Instant at)
    {
        Activity canteen, garderie;
        await using (var query = store.QuerySession())
        {
            canteen = (await query.LoadAsync<Activity>(Activity.StreamIdFor("CANTINE")))!;
            garderie = (await query.LoadAsync<Activity>(Activity.StreamIdFor("GARDERIE")))!;
        }
        var days = Workload.OctoberSchoolDays.Select(d => LocalDatePattern.Iso.Parse(d).Value).ToList();
        var seen = new SeatEvidence(1, 1000);
        long expected = 0;
        for (var start = 0; start < children.Count; start += 500)
        {
            await using var session = store.LightweightSession();
            foreach (var (child, i) in children.Skip(start).Take(500).Select((c, k) => (c, start + k)))
            {
                var group = i % 3 == 0 ? "MATERNELLE" : "PRIMAIRE";
                var qf = 300 + i % 900; // as Seeder sets it
                var meals = days.Select(d => (object)new DayBooked(child.Canteen, new Slot("CANTINE", group, "REPAS", d), at, seen, Actor.System, at)).ToList();
                if (i % 4 == 0) meals.Add(new AttendanceMarked(child.Canteen, days[0], "REPAS", AttendanceMark.AbsentJustified, Actor.System, at));
                session.Events.Append(child.Canteen, meals.ToArray());
                session.Events.Append(child.Daycare, days.SelectMany(d => new[] { "MATIN", "SOIR" })
                    .Select((unit, k) => (object)new DayBooked(child.Daycare, new Slot("GARDERIE", group, unit, days[k / 2]), at, seen, Actor.System, at)).ToArray());
                expected += (days.Count - (i % 4 == 0 ? 1 : 0)) * Charging.PriceFor(canteen.TariffsOn(days[0]), qf, "REPAS")
                            + days.Count * (Charging.PriceFor(garderie.TariffsOn(days[0]), qf, "MATIN") + Charging.PriceFor(garderie.TariffsOn(days[0]), qf, "SOIR"));
            }
            await session.SaveChangesAsync();
        }
        return expected;
    }
}
