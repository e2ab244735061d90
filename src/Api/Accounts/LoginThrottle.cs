using PortailFamille.Api.Infrastructure;
using Marten;
using Npgsql;
using NodaTime;
using PortailFamille.Domain.Accounts;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace PortailFamille.Api.Accounts;

/// <summary>
/// Counts login attempts per address in one atomic statement, before any password is checked, so a burst sent
/// at once cannot slip more than <see cref="AccountRules.LockoutThreshold"/> checks through a window.
/// </summary>
public sealed class LoginThrottle(CommuneDatabase dataSource)
{
    public const string Table = "login_throttle";

    public static void AddTable(StoreOptions opts)
    {
        var table = new Table(new PostgresqlObjectName(Infrastructure.MartenSetup.Schema, Table, SchemaUtils.IdentifierUsage.General));
        table.AddColumn<string>("email").AsPrimaryKey();
        table.AddColumn("window_start", "timestamptz").NotNull();
        table.AddColumn<int>("attempts").NotNull();
        opts.Storage.ExtendedSchemaObjects.Add(table);
    }

    /// <summary>Counts this attempt; null when its password may be checked, otherwise how long to wait.</summary>
    public async Task<Duration?> CountAttemptAsync(string email, Instant now, CancellationToken cancellation)
    {
        // A window that has closed starts again at this attempt.
        await using var command = dataSource.CreateCommand($"""
            insert into {Infrastructure.MartenSetup.Schema}.{Table} as t (email, window_start, attempts) values (@email, @now, 1)
            on conflict (email) do update set
              window_start = case when t.window_start <= @closed then @now else t.window_start end,
              attempts = case when t.window_start <= @closed then 1 else t.attempts + 1 end
            returning window_start, attempts
            """);
        command.Parameters.AddWithValue("email", email);
        command.Parameters.AddWithValue("now", now);
        command.Parameters.AddWithValue("closed", now - AccountRules.LockoutWindow);
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        await reader.ReadAsync(cancellation);
        return AccountRules.LockedFor(reader.GetInt32(1), reader.GetFieldValue<Instant>(0), now);
    }

    /// <summary>A successful login clears the address's count.</summary>
    public async Task ClearAsync(string email, CancellationToken cancellation)
    {
        await using var command = dataSource.CreateCommand($"delete from {Infrastructure.MartenSetup.Schema}.{Table} where email = @email");
        command.Parameters.AddWithValue("email", email);
        await command.ExecuteNonQueryAsync(cancellation);
    }
}

/// <summary>
/// Every login checks one password hash, the same work whether the address has an active account or not (a
/// dummy hash otherwise), so timing tells nothing. <see cref="Checks"/> counts them for the tests and the bench.
/// </summary>
public sealed class PasswordChecks
{
    private static readonly Account Nobody = new() { Id = Guid.Empty };
    private static readonly string DummyHash = AccountService.Hasher.HashPassword(Nobody, Guid.NewGuid().ToString());

    private long _checks;
    public long Checks => Interlocked.Read(ref _checks);

    /// <summary>True only for an account that can sign in and the right password.</summary>
    public bool Verify(Account? account, string password)
    {
        Interlocked.Increment(ref _checks);
        var usable = account is { CanSignIn: true };
        var result = AccountService.Hasher.VerifyHashedPassword(usable ? account! : Nobody, usable ? account!.PasswordHash! : DummyHash, password);
        return usable && result != Microsoft.AspNetCore.Identity.PasswordVerificationResult.Failed;
    }
}
