using PortailFamille.Api.Infrastructure;
using PortailFamille.Api.Tests.Support;

namespace PortailFamille.Api.Tests.Plumbing;

/// <summary>Work every node would repeat (a commune's booking sweep) done by one node of the cluster per period.</summary>
public class SweepLeaseTests(AppFixture app) : ApiTest(app)
{
    [Fact]
    public async Task Of_nodes_asking_at_once_one_takes_the_round_and_the_others_skip_it_until_the_lease_runs_out()
    {
        var database = Host.Services.CommuneDataSource();
        var period = TimeSpan.FromSeconds(2);
        var asked = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => SweepLease.TryTakeAsync(database, "round", period, default)));
        asked.Count(taken => taken).ShouldBe(1);
        (await SweepLease.TryTakeAsync(database, "round", period, default)).ShouldBeFalse();
        // Another kind of work has its own lease.
        (await SweepLease.TryTakeAsync(database, "another-round", period, default)).ShouldBeTrue();
        await Waiting.Until(() => SweepLease.TryTakeAsync(database, "round", period, default), "the lease ran out", seconds: 10);
    }
}
