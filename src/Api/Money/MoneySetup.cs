using JasperFx.Events.Projections;
using Marten;
using PortailFamille.Domain.Money;

namespace PortailFamille.Api.Money;

/// <summary>What the money feature adds to Marten and to the container: invoices, accounts, document numbers.</summary>
public static class MoneySetup
{
    public static StoreOptions ConfigureMoney(this StoreOptions opts)
    {
        // Inline, so the account pages show an invoice, a credit note or a payment as soon as it is recorded.
        opts.Projections.Snapshot<Invoice>(SnapshotLifecycle.Inline);
        opts.Schema.For<Invoice>().Index(i => i.FamilyId).Index(i => i.Month).UniqueIndex(i => i.Number);
        opts.Projections.Add<Projections.Money.InscriptionAccountProjection>(ProjectionLifecycle.Inline);
        opts.Schema.For<Projections.Money.InscriptionAccount>().Index(a => a.FamilyId);
        opts.Projections.Add<Projections.Money.FamilyAccountProjection>(ProjectionLifecycle.Inline);
        DocumentNumbers.AddTable(opts);
        return opts;
    }

    public static IServiceCollection AddMoney(this IServiceCollection services) => services.AddScoped<InvoicingRun>();
}
