using Marten;
using PortailFamille.Api.Tests.Support;

namespace PortailFamille.Api.Tests.Plumbing;

/// <summary>The sweep merges two lists the database paged in its uuid order (InscriptionQueries.WithPendingWorkAsync) with
/// .NET's own order: the two must be the same.</summary>
public class UuidOrderTests(AppFixture app) : ApiTest(app)
{
    [Fact]
    public async Task Guids_sort_in_dotnet_as_PostgreSQL_sorts_uuids()
    {
        var ids = Enumerable.Range(0, 500).Select(_ => Guid.NewGuid()).ToArray();
        await using var session = Host.DocumentStore().QuerySession(TenantId);

        var byDatabase = await session.AdvancedSql.QueryAsync<Guid>("select x from unnest(?) as x order by x", CancellationToken.None, ids);

        ids.Order().ShouldBe(byDatabase);
    }
}
