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
using PortailFamille.Domain.Common;
using PortailFamille.Domain.Inscriptions;
using PortailFamille.Domain.Shuttles;
using Wolverine;

namespace PortailFamille.Api.Tests.Shuttles;

/// <summary>The bus is never overbooked: a rush of parents on two API processes for the last seats of a trip, then served
/// days given back under load, leave exactly the capacity seated and the queue in order.</summary>
public class ShuttleConcurrencyTests(AppFixture app) : ApiTest(app)
{
    private const int Capacity = 10;
    private const int Children = 80;
    private const string Wednesday = "2026-10-07";

    private async Task<(int Taken, int Waiting)> TripRow()
    {
        await using var command = Host.Services.CommuneDataSource().CreateCommand(
            "select taken, waiting from portail.seats where activity_code = 'NAVETTE-MIDI' and grp = 'NAVETTE' and unit = 'ALLER' and day = @d::date");
        command.Parameters.AddWithValue("d", Wednesday);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt32(0), reader.GetInt32(1));
    }

    private static HttpClient Client(IAlbaHost host, string token)
    {
        var client = host.Server.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static async Task<List<string>> Rush(IEnumerable<(HttpClient Client, Guid Inscription, string Unit, string Action)> requests) =>
        (await Task.WhenAll(requests.Select(async r =>
        {
            using var response = await r.Client.PostAsJsonAsync($"/api/inscriptions/{r.Inscription}/reservations",
                new { changes = new[] { new { date = Wednesday, unit = r.Unit, action = r.Action } } });
            response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["results"]![0]!["outcome"]!.GetValue<string>();
        }))).ToList();

    [Fact]
    public async Task Two_api_processes_never_seat_more_children_than_the_bus_holds_and_given_back_days_refill_it_in_order()
    {
        await Post("/api/staff/activities", WithWeekdays(ActivityBody("MERCREDI", primaire: Children), "wednesday"), await StaffToken(), 201);
        await Post("/api/staff/shuttles", ShuttleApiTests.LineBody(capacity: Capacity), await StaffToken(), 201);
        var wednesdays = await BulkSeed.InscriptionsAsync(Host, Children, "MERCREDI");
        Domain.Activities.Activity line;
        var shuttles = new List<Guid>();
        await using (var session = Host.DocumentStore().LightweightSession(AppFixture.TenantId))
        {
            line = (await session.LoadAsync<Domain.Activities.Activity>(Domain.Activities.Activity.StreamIdFor("NAVETTE-MIDI")))!;
            foreach (var served in await session.LoadManyAsync<Inscription>(wednesdays.ToArray()))
            {
                var events = ShuttleRules.Join(line, served, "École Jean Moulin", Actor.System, AppFixture.DefaultNow);
                var id = ((InscriptionOpened)events[0]).InscriptionId;
                session.Events.StartStream<Inscription>(id, events.ToArray());
                shuttles.Add(id);
            }
            await session.SaveChangesAsync();
        }
        await using var second = await SecondApiProcess();
        var token = await StaffToken();
        var clients = new[] { Client(Host, token), Client(second, token) };

        // Every child books the Wednesday, then every child asks for the bus, half through each process.
        (await Rush(wednesdays.Select((i, n) => (clients[n % 2], i, "REPAS", "book")))).ShouldAllBe(o => o == "booked");
        var outcomes = await Rush(shuttles.Select((i, n) => (clients[n % 2], i, "ALLER", "book")));
        outcomes.Count(o => o == "booked").ShouldBe(Capacity);
        outcomes.Count(o => o == "waitlisted").ShouldBe(Children - Capacity);
        (await TripRow()).ShouldBe((Capacity, Children - Capacity));

        // Five seated children's Wednesdays are cancelled at once, through both processes: their seats go to the five first waiting.
        var seated = shuttles.Where((_, n) => outcomes[n] == "booked").Take(5).ToList();
        var servedOfSeated = seated.Select(s => wednesdays[shuttles.IndexOf(s)]).ToList();
        (await Rush(servedOfSeated.Select((i, n) => (clients[n % 2], i, "REPAS", "cancel")))).ShouldAllBe(o => o == "cancelled");
        (await TripRow()).ShouldBe((Capacity, Children - Capacity - 5));
        await using var check = Host.DocumentStore().QuerySession(AppFixture.TenantId);
        var now = await check.LoadManyAsync<Inscription>(shuttles.ToArray());
        var day = new LocalDate(2026, 10, 7);
        now.Count(i => Domain.Bookings.CellStatuses.HoldsSeat(i.CellAt(day, "ALLER").Status)).ShouldBe(Capacity);
        now.Where(i => seated.Contains(i.Id)).ShouldAllBe(i => i.CellAt(day, "ALLER").Status == Domain.Bookings.CellStatus.Free);
    }
}
