using System.Collections.Concurrent;
using Marten;
using Marten.Services;
using Npgsql;
using PortailFamille.Api.Infrastructure;
using PortailFamille.Domain.Accounts;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace PortailFamille.Api.Accounts;

/// <summary>
/// Whether a token's session still stands, with no database round trip on the request path. Every account starts at
/// session version 0; each time its sessions end (logout, password or e-mail change, deactivation, role change,
/// erasure) its new version is written to <c>ended_sessions</c> in the same transaction. Each node keeps that table
/// in memory: a change committed on this node is applied at once (<see cref="SessionVersionListener"/>), the others
/// read new rows every <see cref="PollEvery"/>, so a revocation holds everywhere within seconds. Each commune has its
/// own table in its own database, and its own memory here: an account id of one commune says nothing in another.
/// </summary>
public sealed class SessionVersions(CommuneDirectory communes, CommuneDatabases databases, ILogger<SessionVersions> logger) : BackgroundService
{
    public const string Table = "ended_sessions";
    /// <summary>An erased account: no version of its tokens stands.</summary>
    public const int Erased = int.MaxValue;
    public static readonly TimeSpan PollEvery = TimeSpan.FromSeconds(5);

    private sealed class Known
    {
        public readonly ConcurrentDictionary<Guid, int> Versions = new();
        public DateTime Since = DateTime.MinValue;
    }

    private readonly Dictionary<string, Known> _known = communes.All.ToDictionary(c => c.Id, _ => new Known());

    /// <summary>Database reads made so far (one per poll, none per request): the tests read it.</summary>
    public long Reads => Interlocked.Read(ref _reads);
    private long _reads;

    public static void AddTable(StoreOptions opts)
    {
        var table = new Table(new PostgresqlObjectName(MartenSetup.Schema, Table, SchemaUtils.IdentifierUsage.General));
        table.AddColumn<Guid>("account_id").AsPrimaryKey();
        table.AddColumn<int>("version").NotNull();
        table.AddColumn("ended_at", "timestamptz").NotNull().DefaultValueByExpression("clock_timestamp()");
        table.Indexes.Add(new IndexDefinition("ix_ended_sessions_ended_at") { Columns = ["ended_at"] });
        opts.Storage.ExtendedSchemaObjects.Add(table);
    }

    /// <summary>Records the account's new session version with the transaction that raised it.</summary>
    public static void Record(IDocumentSession session, Guid accountId, int version) =>
        session.QueueSqlCommand(
            $"insert into {MartenSetup.Schema}.{Table} (account_id, version, ended_at) values (?, ?, clock_timestamp()) " +
            "on conflict (account_id) do update set version = greatest(excluded.version, ended_sessions.version), ended_at = excluded.ended_at",
            accountId, version);

    public bool IsCurrent(string communeId, Guid accountId, int version) =>
        _known.TryGetValue(communeId, out var known) && (known.Versions.TryGetValue(accountId, out var current) ? current == version && current != Erased : version == 0);

    /// <summary>A version committed on this node; an older one never replaces a newer one.</summary>
    public void Ended(string communeId, Guid accountId, int version) =>
        _known[communeId].Versions.AddOrUpdate(accountId, version, (_, known) => Math.Max(known, version));

    /// <summary>Reads the rows written since the last read (all of them the first time), in every commune.</summary>
    public async Task RefreshAsync(CancellationToken cancellation)
    {
        foreach (var commune in communes.All) await RefreshAsync(commune, cancellation);
    }

    private async Task RefreshAsync(CommuneEntry commune, CancellationToken cancellation)
    {
        var known = _known[commune.Id];
        Interlocked.Increment(ref _reads);
        await using var command = databases.For(commune).CreateCommand(
            $"select account_id, version, ended_at from {MartenSetup.Schema}.{Table} where ended_at >= @since");
        // Rows committed late with an earlier clock_timestamp are caught by reading a little behind.
        command.Parameters.AddWithValue("since", known.Since == DateTime.MinValue ? DateTime.MinValue : known.Since.AddSeconds(-30));
        var latest = known.Since;
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            Ended(commune.Id, reader.GetGuid(0), reader.GetInt32(1));
            var at = reader.GetFieldValue<DateTime>(2);
            if (at > latest) latest = at;
        }
        known.Since = latest;
    }

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // A node serves requests only once it knows every ended session.
        await RefreshAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(PollEvery);
        while (await timer.WaitForNextTickAsync(stopping))
        {
            try
            {
                await RefreshAsync(stopping);
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException)
            {
                logger.LogWarning("Could not read ended sessions, trying again in {Seconds} s: {Error}", PollEvery.TotalSeconds, e.Message);
            }
        }
    }
}

/// <summary>Tells <see cref="SessionVersions"/> about every account document a transaction on this node committed.</summary>
public sealed class SessionVersionListener(Func<SessionVersions> versions, CommuneDirectory communes) : DocumentSessionListenerBase
{
    public override Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
    {
        // One commune: a single-tenant store, whose sessions may carry Marten's default tenant id.
        var communeId = communes.Single ? communes.First.Id : session.TenantId;
        foreach (var account in commit.Inserted.Concat(commit.Updated).OfType<Account>().Where(a => a.SessionVersion > 0))
            versions().Ended(communeId, account.Id, account.SessionVersion);
        return Task.CompletedTask;
    }
}
