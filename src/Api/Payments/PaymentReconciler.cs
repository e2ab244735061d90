using Marten;
using NodaTime;
using PortailFamille.Api.Infrastructure;
using PortailFamille.Api.Money;
using PortailFamille.Domain.Common;
using PortailFamille.Domain.Money;
using PortailFamille.Domain.Payments;
using Wolverine;

namespace PortailFamille.Api.Payments;

/// <summary>Asks PayFiP how a pending payment ended and records it; a durable Wolverine schedule keeps asking.</summary>
public sealed record ReconcilePayment(Guid PaymentId);

/// <summary>
/// The only place money moves for an online payment: PayFiP's answer to <c>recupererDetailPaiementSecurise</c>.
/// The payment's stream is locked (<c>FetchForExclusiveWriting</c>) while PayFiP is asked and the answer recorded, so a
/// notification, its repetitions and the scheduled reconciliation, racing, credit it once: the later ones find it settled.
/// </summary>
public sealed class PaymentReconciler(IDocumentStore store, PayFiPClient payfip, IClock clock, CommuneSettings commune, ILogger<PaymentReconciler> logger)
{
    /// <summary>The payment's status after asking (null: no such payment).</summary>
    public async Task<string?> CheckAsync(Guid paymentId, CancellationToken cancellation)
    {
        await using var session = store.LightweightSession();
        session.CorrelationId = $"payment:{paymentId}";
        session.CausationId = Cause.Current?.CausationId ?? "schedule:reconcile-payment";
        await session.BeginTransactionAsync(cancellation);
        var stream = await session.Events.FetchForExclusiveWriting<OnlinePayment>(paymentId, cancellation);
        if (stream.Aggregate is not { } payment) return null;
        if (!payment.IsPending) return payment.Status;

        var now = clock.GetCurrentInstant();
        try
        {
            var detail = await payfip.DetailAsync(payment.IdOp);
            switch (PayFiPRules.StatusOf(detail.resultrans))
            {
                case PaymentStatus.Paid:
                    var paidOn = now.InZone(commune.Zone).Date;
                    var unallocated = await AllocateAsync(session, payment, paidOn, now, cancellation);
                    stream.AppendOne(new PaymentConfirmed(payment.Id, detail.resultrans, detail.numauto, paidOn, unallocated, Actor.PayFiP, now));
                    break;
                case PaymentStatus.Refused:
                    stream.AppendOne(new PaymentRefused(payment.Id, detail.resultrans, Actor.PayFiP, now));
                    break;
                case PaymentStatus.Cancelled:
                    stream.AppendOne(new PaymentCancelled(payment.Id, detail.resultrans, Actor.PayFiP, now));
                    break;
                default:
                    logger.LogWarning("PayFiP answered an unknown resultrans {Resultrans} for payment {PaymentId}", detail.resultrans, payment.Id);
                    return payment.Status;
            }
        }
        catch (PayFiPError error) when (error.Code == "P5")
        {
            if (!PayFiPRules.GiveUp(payment.InitiatedAt, now)) return payment.Status;
            stream.AppendOne(new PaymentExpired(payment.Id, error.Code, Actor.System, now));
        }
        catch (PayFiPError error) when (error.Code == "P1")
        {
            stream.AppendOne(new PaymentExpired(payment.Id, error.Code, Actor.System, now));
        }
        catch (PayFiPUnavailable e)
        {
            logger.LogWarning("PayFiP unreachable while reconciling payment {PaymentId}: {Error}", payment.Id, e.InnerException?.Message);
            return payment.Status;
        }
        await session.SaveChangesAsync(cancellation);
        return stream.Aggregate?.Status ?? payment.Status;
    }

    /// <summary>Each item goes to its invoice, oldest lines first; what an invoice no longer owes stays unallocated.</summary>
    private static async Task<int> AllocateAsync(IDocumentSession session, OnlinePayment payment, LocalDate paidOn, Instant now,
        CancellationToken cancellation)
    {
        var unallocated = 0;
        foreach (var item in payment.Items)
        {
            var invoice = await session.Events.FetchForWriting<Invoice>(item.InvoiceId, cancellation);
            var amount = Math.Min(item.AmountCents, Math.Max(0, invoice.Aggregate?.BalanceCents ?? 0));
            unallocated += item.AmountCents - amount;
            if (amount > 0)
                InvoiceSettlement.Pay(session, invoice, payment.Id, PaymentMethods.PayFiP, paidOn, amount, Actor.PayFiP, now);
        }
        return unallocated;
    }
}

public static class ReconcilePaymentHandler
{
    /// <summary>Runs on the schedule set when the payment was created; asks again later while PayFiP has no result.</summary>
    public static async Task Handle(ReconcilePayment message, PaymentReconciler reconciler, PayFiPSettings settings, IMessageBus bus,
        CancellationToken cancellation)
    {
        if (await reconciler.CheckAsync(message.PaymentId, cancellation) == PaymentStatus.Pending)
            await bus.ScheduleAsync(message, settings.ReconcileEvery);
    }
}
