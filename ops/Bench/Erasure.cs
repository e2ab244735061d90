using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Marten;
using Marten.Events;
using PortailFamille.Domain.Families;
using PortailFamille.Projections.Dashboard;

namespace PortailFamille.Bench;

/// <summary>
/// Erasure in a full commune: N families in the store, then a few families erased one after the other through
/// <c>POST /api/staff/families/{id}/erasure</c>, each timed end to end (masking, rebuilding that family's read models
/// and its dashboard lines), and checked: the file says "[effacé]" and the erasure is recorded as complete.
/// </summary>
public static class Erasure
{
    private const int Erased = 5;

    public static async Task<int> RunAsync(BenchOptions options, IDocumentStore store, string? recordTo)
    {
        Console.WriteLine($"bench: seeding {options.Children} families …");
        var children = await Seeder.SeedAsync(store, options.Children, options.ClockNow);
        await store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromMinutes(10));
        int dashboardLines;
        await using (var query = store.QuerySession())
            dashboardLines = await query.Query<DashboardEntry>().CountAsync();

        using var http = new HttpClient { BaseAddress = new Uri(options.Url), Timeout = TimeSpan.FromMinutes(10) };
        var token = Tokens.Staff(options.ClockNow);
        var seconds = new List<double>();
        foreach (var child in children.Take(Erased))
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/staff/families/{child.FamilyId}/erasure")
            {
                Content = JsonContent.Create(new { reason = "Mesure" }),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var clock = Stopwatch.StartNew();
            using var response = await http.SendAsync(request);
            clock.Stop();
            if (!response.IsSuccessStatusCode)
                throw new InvalidOperationException($"erasure answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            seconds.Add(clock.Elapsed.TotalSeconds);
        }

        var complete = 0;
        await using (var query = store.QuerySession())
            foreach (var child in children.Take(Erased))
                if (await query.LoadAsync<Family>(child.FamilyId) is { ErasureCompletedAt: not null, LastName: "[effacé]" }) complete++;
        seconds.Sort();
        var ok = complete == Erased;
        var header = "| date | families in the store | dashboard lines | erasures | seconds each (min / median / max) | complete | machine |\n" +
                     "| --- | --- | --- | --- | --- | --- | --- |";
        var row = $"| {DateTime.UtcNow:yyyy-MM-dd HH:mm} | {options.Children:N0} | {dashboardLines:N0} | {Erased} | " +
                  $"{seconds[0]:F2} / {seconds[Erased / 2]:F2} / {seconds[^1]:F2} | {(ok ? "yes" : "NO")} | {Machine.Describe(options)} |";
        await Report.ShowAsync(recordTo, "Erasure (ops/bench --erasure)", header, row);
        return ok ? 0 : 1;
    }
}
