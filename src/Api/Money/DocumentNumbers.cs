using Marten;
using Npgsql;
using PortailFamille.Api.Infrastructure;
using PortailFamille.Domain.Money;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace PortailFamille.Api.Money;

/// <summary>
/// The one sequence of invoice and credit-note numbers per year. A counter row updated in the transaction that
/// appends the documents: a rolled-back transaction gives its numbers back, and the row lock makes concurrent
/// issuers wait their turn, so numbers have no gap and no duplicate (a PostgreSQL sequence would leave gaps).
/// </summary>
public static class DocumentNumbers
{
    private const string Table = "document_numbers";

    public static void AddTable(StoreOptions opts)
    {
        var table = new Table(new PostgresqlObjectName(MartenSetup.Schema, Table, SchemaUtils.IdentifierUsage.General));
        table.AddColumn<int>("year").AsPrimaryKey();
        table.AddColumn<int>("last").NotNull();
        opts.Storage.ExtendedSchemaObjects.Add(table);
    }

    /// <summary>Takes the next <paramref name="count"/> numbers of the year, in the caller's transaction.</summary>
    public static async Task<IReadOnlyList<string>> TakeAsync(NpgsqlConnection connection, int year, int count, CancellationToken cancellation)
    {
        if (count == 0) return [];
        await using var command = new NpgsqlCommand(
            $"""
            insert into {MartenSetup.Schema}.{Table} (year, last) values (@year, @count)
            on conflict (year) do update set last = {Table}.last + @count
            returning last
            """, connection);
        command.Parameters.AddWithValue("year", year);
        command.Parameters.AddWithValue("count", count);
        var last = (int)(await command.ExecuteScalarAsync(cancellation))!;
        return Enumerable.Range(last - count + 1, count).Select(n => InvoiceNumber.Format(year, n)).ToList();
    }
}
