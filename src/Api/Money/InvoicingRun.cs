using Marten;
using NodaTime;
using NodaTime.Text;
using Npgsql;
using PortailFamille.Api.Infrastructure;
using PortailFamille.Domain.Activities;
using PortailFamille.Domain.Common;
using PortailFamille.Domain.Families;
using PortailFamille.Domain.Inscriptions;
using PortailFamille.Domain.Money;
using Wolverine.Marten.Publishing;
using Wolverine.Runtime;

namespace PortailFamille.Api.Money;

public sealed record IssuedInvoice(Guid InvoiceId, string Number, Guid FamilyId, int AmountCents);

/// <summary>A family the run would invoice, and for how much.</summary>
public sealed record InvoiceDraft(Guid FamilyId, string FamilyName, int AmountCents);

/// <summary>What running the month would issue now: one draft per family owing something, and the families already invoiced.</summary>
public sealed record InvoicingPreview(string Month, IReadOnlyList<InvoiceDraft> Drafts, int AlreadyInvoiced)
{
    public int AmountCents => Drafts.Sum(d => d.AmountCents);
}

/// <summary>
/// Invoices an ended month: for every family not yet invoiced for it, freezes each inscription's charges as a
/// <see cref="MonthCharged"/> event and issues one invoice. Families are taken in transactions of
/// <see cref="FamiliesPerTransaction"/>, each under a lock on the month, so a second or racing run skips the
/// families already invoiced and a run cut short is finished by the next one.
/// </summary>
public sealed class InvoicingRun(IDocumentStore store, CommuneContext communeScope, OutboxedSessionFactory sessions, IWolverineRuntime wolverine,
    IClock clock, CommuneSettings commune, PortalSettings portal)
{
    public const int FamiliesPerTransaction = 250;

    public async Task<IReadOnlyList<IssuedInvoice>> RunAsync(YearMonth month, Actor by, CancellationToken cancellation)
    {
        var monthText = YearMonthPattern.Iso.Format(month);
        var days = month.ToDateInterval();
        var (byFamily, activities) = await ChargeableAsync(days, cancellation);
        var issued = new List<IssuedInvoice>();
        foreach (var chunk in byFamily.Keys.Order().Chunk(FamiliesPerTransaction))
            issued.AddRange(await IssueAsync(monthText, days, chunk, byFamily, activities, by, cancellation));
        return issued;
    }

    /// <summary>The same families and amounts <see cref="RunAsync"/> would issue at this instant, computed the same way, written nowhere.</summary>
    public async Task<InvoicingPreview> PreviewAsync(YearMonth month, CancellationToken cancellation)
    {
        var monthText = YearMonthPattern.Iso.Format(month);
        var days = month.ToDateInterval();
        var (byFamily, activities) = await ChargeableAsync(days, cancellation);
        await using var query = store.QuerySession(communeScope.TenantId);
        var already = (await query.Query<Invoice>().Where(i => i.Month == monthText).Select(i => i.FamilyId).ToListAsync(cancellation)).ToHashSet();
        var families = await query.LoadManyAsync<Family>(cancellation, byFamily.Keys.Where(id => !already.Contains(id)).ToArray());
        var drafts = families.Select(f => new InvoiceDraft(f.Id, $"{f.LastName} {f.FirstName}", InvoicingRules.LinesOf(f, byFamily[f.Id], activities, days).Sum(l => l.AmountCents)))
            .Where(d => d.AmountCents > 0).OrderBy(d => d.FamilyName, StringComparer.Ordinal).ThenBy(d => d.FamilyId).ToList();
        return new InvoicingPreview(monthText, drafts, already.Count);
    }

    /// <summary>The inscriptions holding a seat or a request on a day of the month, by family, and every activity.</summary>
    private async Task<(Dictionary<Guid, List<Inscription>>, Dictionary<string, Activity>)> ChargeableAsync(DateInterval days,
        CancellationToken cancellation)
    {
        await using var query = store.QuerySession(communeScope.TenantId);
        var inscriptions = await Bookings.InscriptionQueries.HoldingOnAsync(query, days, cancellation);
        var activities = (await query.Query<Activity>().ToListAsync(cancellation)).ToDictionary(a => a.Code);
        return (inscriptions.GroupBy(i => i.FamilyId).ToDictionary(g => g.Key, g => g.ToList()), activities);
    }

    private async Task<IReadOnlyList<IssuedInvoice>> IssueAsync(string month, DateInterval days, Guid[] familyIds,
        Dictionary<Guid, List<Inscription>> byFamily, Dictionary<string, Activity> activities, Actor by, CancellationToken cancellation)
    {
        // The invoice e-mails go through the outbox: sent if and only if this transaction commits.
        var context = new MessageContext(wolverine) { TenantId = communeScope.TenantId };
        await using var session = sessions.OpenSession(context);
        await session.BeginTransactionAsync(cancellation);
        var connection = (NpgsqlConnection)session.Connection!;
        await LockMonthAsync(connection, month, cancellation);

        var already = (await session.Query<Invoice>().Where(i => i.Month == month && familyIds.Contains(i.FamilyId))
            .Select(i => i.FamilyId).ToListAsync(cancellation)).ToHashSet();
        var families = (await session.LoadManyAsync<Family>(cancellation, familyIds.Where(id => !already.Contains(id)).ToArray()))
            .OrderBy(f => f.LastName, StringComparer.Ordinal).ThenBy(f => f.FirstName, StringComparer.Ordinal).ThenBy(f => f.Id).ToList();

        var drafts = families.Select(f => (Family: f, Lines: InvoicingRules.LinesOf(f, byFamily[f.Id], activities, days))).Where(d => d.Lines.Sum(l => l.AmountCents) > 0).ToList();
        var now = clock.GetCurrentInstant();
        var today = now.InZone(commune.Zone).Date;
        var numbers = await DocumentNumbers.TakeAsync(connection, today.Year, drafts.Count, cancellation);
        var issued = new List<IssuedInvoice>();
        foreach (var ((family, lines), number) in drafts.Zip(numbers))
        {
            var issuance = InvoicingRules.Issue(Guid.NewGuid(), family, number, month, today, lines, by, now);
            var invoice = issuance.Issued;
            session.Events.StartStream<Invoice>(invoice.InvoiceId, invoice);
            await context.PublishAsync(MoneyMails.InvoiceIssued(family.Email, invoice, commune, portal));
            foreach (var charged in issuance.Charged) session.Events.Append(charged.InscriptionId, charged);
            issued.Add(new IssuedInvoice(invoice.InvoiceId, number, family.Id, invoice.AmountCents));
        }
        await session.SaveChangesAsync(cancellation);
        await context.FlushOutgoingMessagesAsync();
        return issued;
    }

    /// <summary>Serializes the runs of one month (held until the transaction ends).</summary>
    private static async Task LockMonthAsync(NpgsqlConnection connection, string month, CancellationToken cancellation)
    {
        await using var command = new NpgsqlCommand("select pg_advisory_xact_lock(hashtext('portail-invoicing:' || @month))", connection);
        command.Parameters.AddWithValue("month", month);
        await command.ExecuteNonQueryAsync(cancellation);
    }
}
