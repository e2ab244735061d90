using System.Collections.Concurrent;
using Marten;
using Marten.Services;
using PortailFamille.Domain.Accounts;

namespace PortailFamille.Api.Accounts;

/// <summary>
/// Whether a token's session still stands: its account can sign in and its session version is current.
/// Each node keeps what it read for <see cref="Lifetime"/> (so the booking path pays no database round trip per
/// call); a change committed on this node replaces its entry at once (<see cref="SessionVersionListener"/>), and
/// other nodes see it when their entry ages out.
/// </summary>
public sealed class SessionVersions(IDocumentStore store, TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    private sealed record Entry(int Version, bool CanSignIn, long ReadAt);

    private readonly ConcurrentDictionary<Guid, Entry> _entries = new();

    /// <summary>Database reads made to answer; the bench and tests read it to show the cache works.</summary>
    public long Reads => Interlocked.Read(ref _reads);
    private long _reads;

    public async ValueTask<bool> IsCurrentAsync(Guid accountId, int version, CancellationToken cancellation)
    {
        if (!_entries.TryGetValue(accountId, out var entry) || time.GetElapsedTime(entry.ReadAt) >= Lifetime)
        {
            Interlocked.Increment(ref _reads);
            await using var session = store.QuerySession();
            var account = await session.LoadAsync<Account>(accountId, cancellation);
            entry = Remember(accountId, account is null ? Gone : new Entry(account.SessionVersion, account.CanSignIn, 0));
        }
        return entry.CanSignIn && entry.Version == version;
    }

    /// <summary>What a commit on this node wrote; an older read never replaces a newer version.</summary>
    public void Committed(Account account) => Remember(account.Id, new Entry(account.SessionVersion, account.CanSignIn, 0));

    /// <summary>The account no longer exists (erased): its tokens are refused from now on.</summary>
    public void Removed(Guid accountId) => Remember(accountId, Gone);

    private static readonly Entry Gone = new(int.MaxValue, false, 0);

    private Entry Remember(Guid accountId, Entry read)
    {
        var stamped = read with { ReadAt = time.GetTimestamp() };
        return _entries.AddOrUpdate(accountId, stamped,
            (_, existing) => existing.Version > stamped.Version && time.GetElapsedTime(existing.ReadAt) < Lifetime ? existing : stamped);
    }
}

/// <summary>Tells <see cref="SessionVersions"/> about every account document a transaction on this node committed.</summary>
public sealed class SessionVersionListener(Func<SessionVersions> versions) : DocumentSessionListenerBase
{
    public override Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
    {
        foreach (var account in commit.Inserted.Concat(commit.Updated).OfType<Account>()) versions().Committed(account);
        return Task.CompletedTask;
    }
}
