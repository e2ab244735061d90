using Marten;
using Npgsql;
using NodaTime;
using PortailFamille.Api.Accounts;
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
public sealed class FamilyErasure(IDocumentStore store, CommuneContext commune, CommuneDatabase dataSource, IClock clock, Accounts.SessionVersions sessionVersions)
{
    /// <summary>
    /// Erases, or finishes an erasure that stopped half-way (the process died after <see cref="FamilyErased"/>): every
    /// step after the first transaction can run again. False when there is no such family.
    /// </summary>
    public async Task<bool> EraseAsync(Guid familyId, string reason, Actor by, CancellationToken cancellation)
    {
        IReadOnlyList<Guid> inscriptions, requests, invoices, payments;
        List<Guid> streams;
        string email;
        await using (var session = store.LightweightSession(commune.TenantId))
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
                session.QueueSqlCommand($"delete from {MartenSetup.Schema}.{LoginThrottle.Table} where email = ?", account.Email);
                session.Delete(account);
                SessionVersions.Record(session, account.Id, SessionVersions.Erased);
                session.QueueSqlCommand($"delete from {MartenSetup.Schema}.idempotency where user_id = ?", account.Id);
            }
            session.QueueSqlCommand($"delete from {MartenSetup.Schema}.{LoginThrottle.Table} where email = ?", email);
            session.DeleteWhere<SimulatedPayFiPOperation>(o => o.Request.mel == email);
            await session.SaveChangesAsync(cancellation);
            // The erased login's tokens are refused on this node at once.
            foreach (var account in accounts) sessionVersions.Ended(commune.Id, account.Id, SessionVersions.Erased);
        }

        await store.Advanced.ApplyEventDataMasking(masking =>
        {
            masking.ForTenant(commune.TenantId);
            foreach (var id in streams) masking.IncludeStream(id);
            masking.AddHeader("rgpd", "effacement");
        }, cancellation);

        await store.Advanced.RebuildSingleStreamAsync<Family>(familyId, commune.TenantId, cancellation);
        foreach (var id in inscriptions) await store.Advanced.RebuildSingleStreamAsync<Inscription>(id, commune.TenantId, cancellation);
        foreach (var id in requests) await store.Advanced.RebuildSingleStreamAsync<FamilyRequest>(id, commune.TenantId, cancellation);
        foreach (var id in invoices) await store.Advanced.RebuildSingleStreamAsync<Invoice>(id, commune.TenantId, cancellation);
        foreach (var id in payments) await store.Advanced.RebuildSingleStreamAsync<OnlinePayment>(id, commune.TenantId, cancellation);
        // The dashboard's lines quote names (a person added): this family's lines rebuilt from its masked events.
        await RebuildDashboardAsync(familyId, requests, inscriptions, cancellation);

        // E-mails already sent stay in Wolverine's inbox as handled envelopes for a while: they quote names and addresses.
        await using (var command = dataSource.CreateCommand($"delete from {MartenSetup.Schema}.wolverine_incoming_envelopes where status = 'Handled'"))
            await command.ExecuteNonQueryAsync(cancellation);

        await using (var session = store.LightweightSession(commune.TenantId))
        {
            session.Events.Append(familyId, new FamilyErasureCompleted(familyId, clock.GetCurrentInstant()));
            await session.SaveChangesAsync(cancellation);
        }
        return true;
    }

    /// <summary>
    /// The family's dashboard lines (its own, and those of its inscriptions' booking requests) deleted and projected
    /// again from its streams, each in order: the same lines a rebuild of the whole projection gives, without it.
    /// </summary>
    private async Task RebuildDashboardAsync(Guid familyId, IReadOnlyList<Guid> requests, IReadOnlyList<Guid> inscriptions,
        CancellationToken cancellation)
    {
        await using var session = store.LightweightSession(commune.TenantId);
        var owners = inscriptions.Select(i => $"i:{i}").Append(familyId.ToString()).ToArray();
        session.DeleteWhere<Projections.Dashboard.DashboardEntry>(d => owners.Contains(d.Owner));
        var projection = new Projections.Dashboard.DashboardProjection();
        foreach (var id in requests.Prepend(familyId).Concat(inscriptions))
            foreach (var e in await session.Events.FetchStreamAsync(id, token: cancellation))
                await projection.ApplyAsync(session, e, cancellation);
        await session.SaveChangesAsync(cancellation);
    }
}
