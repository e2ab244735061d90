using JasperFx.Events.Projections;
using Marten;
using PortailFamille.Api.Infrastructure;
using PortailFamille.Domain.Payments;
using SoapCore;

namespace PortailFamille.Api.Payments;

/// <summary>What online payment adds to Marten and to the container: the payments, their claims, PayFiP's client and,
/// in development, its simulator.</summary>
public static class PaymentsSetup
{
    public static StoreOptions ConfigurePayments(this StoreOptions opts)
    {
        opts.Projections.Snapshot<OnlinePayment>(SnapshotLifecycle.Inline);
        opts.Schema.For<OnlinePayment>().Index(p => p.FamilyId).UniqueIndex(p => p.IdOp);
        opts.Schema.For<SimulatedPayFiPOperation>().Identity(o => o.Id);
        opts.RegisterDocumentType<PayFiPMismatch>();
        PaymentClaims.Configure(opts);
        return opts;
    }

    public static IServiceCollection AddPayments(this IServiceCollection services, PayFiPSettings settings, bool development)
    {
        services.AddSingleton(settings).AddSingleton<PayFiPHttp>().AddSingleton<PayFiPClient>().AddScoped<PaymentReconciler>();
        if (development) services.AddSoapCore().AddScoped<IPaiementSecuriseService, PayFiPSimulatorService>();
        return services;
    }
}
