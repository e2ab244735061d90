using Marten;
using Npgsql;
using NodaTime;
using PortailFamille.Api.Infrastructure;
using PortailFamille.Api.Payments;
using PortailFamille.Domain.Accounts;
using PortailFamille.Domain.Common;
using PortailFamille.Domain.Families;
using PortailFamille.Domain.Inscriptions;
using PortailFamille.Domain.Money;
using PortailFamille.Domain.Payments;
using PortailFamille.Domain.Requests;

namespace PortailFamille.Api.Privacy;

/// <summary>
/// Erases a family's personal data from an append-only store: records the erasure, masks the personal fields of every
/// event of its streams (family, inscriptions, requests, invoices, payments), rebuilds the read models made from them,
/// and deletes what is not an event (its login, tokens, the simulator's copies, handled message envelopes).
/// </summary>
public sealed class FamilyErasure(IDocumentStore store, NpgsqlDataSource dataSource, IClock clock)
{
    public async Task<bool> EraseAsync(Guid familyId, string reason, Actor by, CancellationToken cancellation)
    {
        IReadOnlyList<Guid> inscriptions, requests, invoices, payments;
        List<Guid> streams;
        string email;
        await using (var session = store.LightweightSession())
        {
            var family = await session.LoadAsync<Family>(familyId, cancellation);
            if (family is null) return false;
            email = family.Email;
            inscriptions = await session.Query<Inscription>().Where(i => i.FamilyId == familyId).Select(i => i.Id).ToListAsync(cancellation);
            requests = await session.Query<FamilyRequest>().Where(r => r.FamilyId == familyId).Select(r => r.Id).ToListAsync(cancellation);
            invoices = await session.Query<Invoice>().Where(i => i.FamilyId == familyId).Select(i => i.Id).ToListAsync(cancellation);
            payments = await session.Query<OnlinePayment>().Where(p => p.FamilyId == familyId).Select(p => p.Id).ToListAsync(cancellation);
            streams = [familyId, .. inscriptions, .. requests, .. invoices, .. payments];
            if (family.ErasedAt is null) session.Events.Append(familyId, new FamilyErased(familyId, reason, by, clock.GetCurrentInstant()));

            var accounts = await session.Query<Account>().Where(a => a.FamilyId == familyId).ToListAsync(cancellation);
            foreach (var account in accounts)
            {
                session.DeleteWhere<OneTimeToken>(t => t.AccountId == account.Id);
                session.DeleteWhere<LoginFailure>(f => f.Email == account.Email);
                session.Delete(account);
                session.QueueSqlCommand($"delete from {MartenSetup.Schema}.idempotency where user_id = ?", account.Id);
            }
            session.DeleteWhere<LoginFailure>(f => f.Email == email);
            session.DeleteWhere<SimulatedPayFiPOperation>(o => o.Request.mel == email);
            await session.SaveChangesAsync(cancellation);
        }

        await store.Advanced.ApplyEventDataMasking(masking =>
        {
            foreach (var id in streams) masking.IncludeStream(id);
            masking.AddHeader("rgpd", "effacement");
        }, cancellation);

        await store.Advanced.RebuildSingleStreamAsync<Family>(familyId, cancellation);
        foreach (var id in inscriptions) await store.Advanced.RebuildSingleStreamAsync<Inscription>(id, cancellation);
        foreach (var id in requests) await store.Advanced.RebuildSingleStreamAsync<FamilyRequest>(id, cancellation);
        foreach (var id in invoices) await store.Advanced.RebuildSingleStreamAsync<Invoice>(id, cancellation);
        foreach (var id in payments) await store.Advanced.RebuildSingleStreamAsync<OnlinePayment>(id, cancellation);
        // The dashboard's lines quote names (a person added): rebuilt from the masked events.
        using (var daemon = await store.BuildProjectionDaemonAsync())
            await daemon.RebuildProjectionAsync<Projections.Dashboard.DashboardProjection>(TimeSpan.FromMinutes(10), cancellation);

        // E-mails already sent stay in Wolverine's inbox as handled envelopes for a while: they quote names and addresses.
        await using var command = dataSource.CreateCommand($"delete from {MartenSetup.Schema}.wolverine_incoming_envelopes where status = 'Handled'");
        await command.ExecuteNonQueryAsync(cancellation);
        return true;
    }
}
