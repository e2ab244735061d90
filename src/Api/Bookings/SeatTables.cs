using Marten;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace PortailFamille.Api.Bookings;

/// <summary>
/// The capacity guard: one row per slot (activity × unit × group × day) with seats taken, capacity and
/// queue length, and the waitlist in decision order. Both change only in the transaction that appends
/// the events deciding them, under row locks taken in one global order, so capacity holds across
/// processes. They are derived from the events and can be rebuilt from them (<see cref="SeatLedgerStore"/>).
/// </summary>
public static class SeatTables
{
    public const string Seats = "seats";
    public const string Waitlist = "waitlist";

    public static void AddSeatTables(this StoreOptions opts, string schema)
    {
        var seats = new Table(new PostgresqlObjectName(schema, Seats, SchemaUtils.IdentifierUsage.General));
        seats.AddColumn<string>("activity_code").AsPrimaryKey();
        seats.AddColumn<string>("unit").AsPrimaryKey();
        seats.AddColumn<string>("grp").AsPrimaryKey();
        seats.AddColumn("day", "date").AsPrimaryKey();
        seats.AddColumn<int>("capacity").NotNull();
        seats.AddColumn<int>("taken").NotNull().DefaultValueByExpression("0");
        seats.AddColumn<int>("waiting").NotNull().DefaultValueByExpression("0");
        // Seats over capacity a staff decision left in place (capacity lowered below the seats taken); null: none.
        seats.AddColumn<int>("taken_limit").AllowNulls();
        // The database's own backstop, whatever the code does: no negative count, and no seat taken beyond capacity
        // except those a lowered capacity left in place (which only shrink as they are given back).
        seats.CheckConstraints.Add(new Weasel.Core.TableCheckConstraint("ck_seats_within_capacity",
            "taken >= 0 and waiting >= 0 and taken <= greatest(capacity, coalesce(taken_limit, 0))"));
        opts.Storage.ExtendedSchemaObjects.Add(seats);

        var waitlist = new Table(new PostgresqlObjectName(schema, Waitlist, SchemaUtils.IdentifierUsage.General));
        waitlist.AddColumn<string>("activity_code").AsPrimaryKey();
        waitlist.AddColumn<string>("unit").AsPrimaryKey();
        waitlist.AddColumn<string>("grp").AsPrimaryKey();
        waitlist.AddColumn("day", "date").AsPrimaryKey();
        waitlist.AddColumn<Guid>("inscription_id").AsPrimaryKey();
        waitlist.AddColumn("seq", "bigserial").NotNull();
        // The queue of a slot is read through the primary key's prefix and sorted by seq: one index less to write in a rush.
        waitlist.Indexes.Add(new IndexDefinition("ix_waitlist_inscription") { Columns = ["inscription_id"] });
        opts.Storage.ExtendedSchemaObjects.Add(waitlist);
    }
}
