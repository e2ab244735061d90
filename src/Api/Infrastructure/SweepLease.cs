using Marten;
using Npgsql;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace PortailFamille.Api.Infrastructure;

/// <summary>
/// Once per cluster for work every node would otherwise repeat (the booking sweep of each commune, every minute): the
/// node that takes a commune's lease does the round, the others skip it until the lease runs out. One row per kind of
/// work in the commune's database, taken in one statement; the database's clock, so the nodes' clocks need not agree.
/// </summary>
public static class SweepLease
{
    public const string Table = "sweep_leases";

    public static void AddTable(StoreOptions opts)
    {
        var table = new Table(new PostgresqlObjectName(MartenSetup.Schema, Table, SchemaUtils.IdentifierUsage.General));
        table.AddColumn<string>("name").AsPrimaryKey();
        table.AddColumn("held_until", "timestamptz").NotNull();
        opts.Storage.ExtendedSchemaObjects.Add(table);
    }

    /// <summary>True when this node may do the round now (no other took it less than <paramref name="every"/> ago).</summary>
    public static async Task<bool> TryTakeAsync(NpgsqlDataSource database, string name, TimeSpan every, CancellationToken cancellation)
    {
        await using var command = database.CreateCommand($"""
            insert into {MartenSetup.Schema}.{Table} as l (name, held_until) values (@name, clock_timestamp() + @every)
            on conflict (name) do update set held_until = excluded.held_until where l.held_until <= clock_timestamp()
            returning 1
            """);
        command.Parameters.AddWithValue("name", name);
        // A little less than the period, so the next tick of the node that took it finds it free again.
        command.Parameters.AddWithValue("every", every * 0.9);
        return await command.ExecuteScalarAsync(cancellation) is not null;
    }
}
