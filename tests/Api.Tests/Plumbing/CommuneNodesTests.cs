using Microsoft.AspNetCore.Hosting;
using Npgsql;
using PortailFamille.Api.Tests.Support;

namespace PortailFamille.Api.Tests.Plumbing;

/// <summary>Two API nodes serving the same two communes: Wolverine spreads the communes' projections over the nodes.</summary>
public class CommuneNodesTests(AppFixture app) : ApiTest(app)
{
    private static void Distributed(IWebHostBuilder builder) => builder.UseSetting("Projections:Daemon", "Wolverine");

    [Fact]
    public async Task Each_communes_projection_runs_on_exactly_one_of_two_nodes_and_catches_up()
    {
        var databases = await App.CreateTwoCommunesDatabasesAsync();
        await using var first = await App.StartTwoCommunesAsync(databases, Distributed, nodesTalk: true);
        await using var second = await App.StartTwoCommunesAsync(databases, Distributed, nodesTalk: true);
        await using var platform = NpgsqlDataSource.Create(databases.Platform);

        // Wolverine's leader gives each commune database's projection to one node, recorded in the platform database.
        List<(string Agent, Guid Node)> assignments = [];
        await Waiting.Until(async () =>
        {
            assignments = await AssignmentsAsync(platform);
            return assignments.Count(a => a.Agent.StartsWith("event-subscriptions:", StringComparison.Ordinal)) == 2;
        }, "the projections of both communes assigned", seconds: 120, state: () => string.Join(", ", assignments) + "\n" +
            string.Join("\n", App.Logs.Lines.Where(l => l.Contains("agent", StringComparison.OrdinalIgnoreCase) || l.Contains("Exception")).Take(30)));
        var projections = assignments.Where(a => a.Agent.StartsWith("event-subscriptions:", StringComparison.Ordinal)).ToList();
        projections.Select(a => a.Agent).Distinct().Count().ShouldBe(2, string.Join(", ", projections));
        (await NodesAsync(platform)).ShouldBe(2);
        // Spread: each node runs some of the work (the communes' projections and message stores, the leadership).
        await Waiting.Until(async () => (assignments = await AssignmentsAsync(platform)).Select(a => a.Node).Distinct().Count() == 2,
            "the agents spread over both nodes", seconds: 120, state: () => string.Join(", ", assignments));

        // And each runs: the start-up events of each commune (its school calendar) reach its headcounts.
        foreach (var commune in new[] { databases.Lezignan, databases.SaintPargoire })
        {
            await using var source = NpgsqlDataSource.Create(commune);
            await Waiting.Until(async () =>
            {
                await using var command = source.CreateCommand(
                    "select coalesce((select last_seq_id from portail.mt_event_progression where name = 'DayHeadcount:All'), -1) " +
                    "= (select coalesce(max(seq_id), 0) from portail.mt_events)");
                return (bool)(await command.ExecuteScalarAsync())!;
            }, "a commune's headcounts caught up", seconds: 60);
        }
    }

    private static async Task<List<(string Agent, Guid Node)>> AssignmentsAsync(NpgsqlDataSource platform)
    {
        var found = new List<(string, Guid)>();
        await using var command = platform.CreateCommand("select id, node_id from portail.wolverine_node_assignments");
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) found.Add((reader.GetString(0), reader.GetGuid(1)));
        return found;
    }

    private static async Task<long> NodesAsync(NpgsqlDataSource platform)
    {
        await using var command = platform.CreateCommand("select count(*) from portail.wolverine_nodes");
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
