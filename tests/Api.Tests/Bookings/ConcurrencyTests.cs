using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Alba;
using Marten;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Npgsql;
using PortailFamille.Api.Tests.Support;
using PortailFamille.Domain.Bookings;
using Wolverine;

namespace PortailFamille.Api.Tests.Bookings;

/// <summary>Capacity is never exceeded, whatever the concurrency, also through two API processes on one database.</summary>
public class ConcurrencyTests(AppFixture app) : ApiTest(app)
{
    private const int Capacity = 10;

    private async Task<(int Taken, int Waiting)> SeatRow(string date)
    {
        await using var command = Host.Services.CommuneDataSource().CreateCommand(
            "select taken, waiting from portail.seats where activity_code = 'CANTINE' and grp = 'PRIMAIRE' and unit = 'REPAS' and day = @d::date");
        command.Parameters.AddWithValue("d", date);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt32(0), reader.GetInt32(1));
    }

    /// <summary>Seats held per day according to the inscription streams themselves.</summary>
    private async Task<Dictionary<string, (int Booked, int Waitlisted)>> HeldPerDay(IEnumerable<Guid> inscriptions)
    {
        await using var session = Host.DocumentStore().QuerySession(AppFixture.TenantId);
        var docs = await session.LoadManyAsync<Domain.Inscriptions.Inscription>(inscriptions.ToArray());
        return docs.SelectMany(d => d.Cells).GroupBy(kv => NodaTime.Text.LocalDatePattern.Iso.Format(kv.Key.Date)).ToDictionary(g => g.Key,
            g => (g.Count(c => c.Value.Status.HoldsSeat()), g.Count(c => c.Value.Status == CellStatus.Waitlisted)));
    }

    private static async Task<List<JsonArray>> Rush(IEnumerable<(HttpClient Client, Guid Inscription, object Body)> requests)
    {
        var responses = await Task.WhenAll(requests.Select(async r =>
        {
            using var response = await r.Client.PostAsJsonAsync($"/api/inscriptions/{r.Inscription}/reservations", r.Body);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["results"]!.AsArray();
        }));
        return responses.ToList();
    }

    private HttpClient Client(IAlbaHost host, string token)
    {
        var client = host.Server.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    [Fact]
    public async Task Hundreds_of_parallel_requests_for_the_last_seats_book_exactly_the_capacity_round_after_round()
    {
        await Post("/api/staff/activities", ActivityBody(primaire: Capacity), await StaffToken(), 201);
        var inscriptions = await BulkSeed.InscriptionsAsync(Host, 200);
        var client = Client(Host, await StaffToken());
        foreach (var date in new[] { "2026-10-05", "2026-10-06", "2026-10-08" })
        {
            var results = (await Rush(inscriptions.Select(i => (client, i, Changes((date, "book"))))))
                .Select(r => r[0]!["outcome"]!.GetValue<string>()).ToList();
            results.Count(o => o == "booked").ShouldBe(Capacity, date);
            results.Count(o => o == "waitlisted").ShouldBe(200 - Capacity, date);
            (await SeatRow(date)).ShouldBe((Capacity, 200 - Capacity), date);
            (await HeldPerDay(inscriptions))[date].ShouldBe((Capacity, 200 - Capacity), date);
        }
    }

    [Fact]
    public async Task Overlapping_multi_day_requests_never_overbook_any_day()
    {
        await Post("/api/staff/activities", ActivityBody(primaire: Capacity), await StaffToken(), 201);
        var inscriptions = await BulkSeed.InscriptionsAsync(Host, 150);
        var days = new[] { "2026-10-05", "2026-10-06", "2026-10-08", "2026-10-09", "2026-10-12", "2026-10-13", "2026-10-15", "2026-10-16" };
        var random = new Random(42);
        var client = Client(Host, await StaffToken());
        var requests = inscriptions.Select(i => (client, i, Changes(days.OrderBy(_ => random.Next()).Take(4).Select(d => (d, "book")).ToArray()))).ToList();
        var results = await Rush(requests);

        var held = await HeldPerDay(inscriptions);
        foreach (var day in days)
        {
            var asked = requests.Count(r => System.Text.Json.JsonSerializer.Serialize(r.Item3).Contains(day));
            var booked = results.SelectMany(r => r).Count(r => r!["date"]!.GetValue<string>() == day && r["outcome"]!.GetValue<string>() == "booked");
            booked.ShouldBe(Math.Min(Capacity, asked), day);
            held[day].Booked.ShouldBe(booked, day);
            (await SeatRow(day)).ShouldBe((booked, asked - booked), day);
        }
    }

    [Fact]
    public async Task Two_api_processes_sharing_the_database_never_overbook()
    {
        await Post("/api/staff/activities", ActivityBody(primaire: Capacity), await StaffToken(), 201);
        var inscriptions = await BulkSeed.InscriptionsAsync(Host, 200);
        await using var second = await SecondApiProcess();
        var token = await StaffToken();
        var clients = new[] { Client(Host, token), Client(second, token) };
        foreach (var date in new[] { "2026-10-05", "2026-10-06" })
        {
            // Interleaved: every other request goes to the other process; some also cancel and rebook.
            var results = await Rush(inscriptions.Select((i, n) => (clients[n % 2], i, Changes((date, "book")))));
            results.Count(r => r[0]!["outcome"]!.GetValue<string>() == "booked").ShouldBe(Capacity, date);
            var booked = inscriptions.Where((_, n) => results[n][0]!["outcome"]!.GetValue<string>() == "booked").ToList();
            await Rush(booked.Take(5).Select((i, n) => (clients[n % 2], i, Changes((date, "cancel")))));
            (await SeatRow(date)).ShouldBe((Capacity, 200 - Capacity - 5), date);
            (await HeldPerDay(inscriptions))[date].ShouldBe((Capacity, 200 - Capacity - 5), date);
        }
    }
}
