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

/// <summary>An answer of PayFiP that did not match the payment it was asked about (kept for the régie; <c>/health</c> counts them).</summary>
public sealed class PayFiPMismatch
{
    public Guid Id { get; set; }
    public IReadOnlyList<string> Fields { get; set; } = [];
    public Instant At { get; set; }
}

/// <summary>
/// The only place money moves for an online payment: PayFiP's answer to <c>recupererDetailPaiementSecurise</c>. PayFiP is
/// asked first, with no lock and no database connection held (it may take 30 s); then the payment's stream is locked
/// (<c>FetchForExclusiveWriting</c>), checked again and the answer recorded, so a notification, its repetitions and the
/// scheduled reconciliation, racing, credit it once: the later ones find it settled.
/// </summary>
public sealed class PaymentReconciler(IDocumentStore store, CommuneContext communeScope, PayFiPClient payfip, IClock clock, CommuneSettings commune,
    ILogger<PaymentReconciler> logger)
{
    /// <summary>What <see cref="CheckAsync"/> answers when PayFiP's answer is about something else: nothing credited, nothing retried.</summary>

    /// <summary>Asks PayFiP about a pending payment and records its answer. True while the payment still waits for an answer
    /// (ask again later); false once it is settled, questioned (PayFiP's answer differs from it) or unknown.</summary>
    public async Task<bool> CheckAsync(Guid paymentId, CancellationToken cancellation)
    {
        OnlinePayment? known;
        await using (var query = store.QuerySession(communeScope.TenantId))
            known = await query.LoadAsync<OnlinePayment>(paymentId, cancellation);
        if (known is null || !known.IsPending) return false;
        if (await QuestionedAsync(paymentId, cancellation)) return false;

        var answer = await AskAsync(known);
        var now = clock.GetCurrentInstant();
        if (answer.Detail is { } detail
            && PayFiPRules.Mismatches(known, commune.Regie.PayFiPClientNumber, known.InitiatedAt.InZone(commune.Zone).Year,
                detail.montant, detail.refdet, detail.numcli, detail.exer, detail.idOp) is [_, ..] fields)
        {
            logger.LogError("PayFiP's answer for payment {PaymentId} differs from the payment on {Fields}: nothing credited", paymentId, string.Join(", ", fields));
            await using var record = store.LightweightSession(communeScope.TenantId);
            record.Store(new PayFiPMismatch { Id = paymentId, Fields = fields, At = now });
            await record.SaveChangesAsync(cancellation);
            return false;
        }
        if (answer.Unavailable) return true;

        await using var session = store.LightweightSession(communeScope.TenantId);
        session.CorrelationId = $"payment:{paymentId}";
        session.CausationId = Causation.Current?.CausationId ?? "schedule:reconcile-payment";
        await session.BeginTransactionAsync(cancellation);
        var stream = await session.Events.FetchForExclusiveWriting<OnlinePayment>(paymentId, cancellation);
        // Settled by a racing notification while PayFiP was being asked.
        if (stream.Aggregate is not { IsPending: true } payment) return false;
        switch (answer)
        {
            case { Detail: { } d } when PayFiPRules.StatusOf(d.resultrans) == PaymentStatus.Paid:
                var paidOn = now.InZone(commune.Zone).Date;
                var unallocated = await AllocateAsync(session, payment, paidOn, now, cancellation);
                stream.AppendOne(new PaymentConfirmed(payment.Id, d.resultrans, d.numauto, paidOn, unallocated, Actor.PayFiP, now));
                break;
            case { Detail: { } d } when PayFiPRules.StatusOf(d.resultrans) == PaymentStatus.Refused:
                stream.AppendOne(new PaymentRefused(payment.Id, d.resultrans, Actor.PayFiP, now));
                break;
            case { Detail: { } d } when PayFiPRules.StatusOf(d.resultrans) == PaymentStatus.Cancelled:
                stream.AppendOne(new PaymentCancelled(payment.Id, d.resultrans, Actor.PayFiP, now));
                break;
            case { Detail: { } d }:
                logger.LogWarning("PayFiP answered an unknown resultrans {Resultrans} for payment {PaymentId}", d.resultrans, payment.Id);
                return true;
            case { Fault: "P5" } when PayFiPRules.GiveUp(payment.InitiatedAt, now):
            case { Fault: "P1" }:
                stream.AppendOne(new PaymentExpired(payment.Id, answer.Fault!, Actor.System, now));
                break;
            default:
                return true; // P5: not finished yet
        }
        await session.SaveChangesAsync(cancellation);
        return false;
    }

    private async Task<bool> QuestionedAsync(Guid paymentId, CancellationToken cancellation)
    {
        await using var query = store.QuerySession(communeScope.TenantId);
        return await query.LoadAsync<PayFiPMismatch>(paymentId, cancellation) is not null;
    }

    private sealed record Answer(DetailPaiement? Detail, string? Fault, bool Unavailable);

    /// <summary>PayFiP's answer: the payment's detail, or its functional fault (P1, P5), or unreachable. Any other fault
    /// is thrown, and the reconciliation's error policy tries again later.</summary>
    private async Task<Answer> AskAsync(OnlinePayment payment)
    {
        try
        {
            return new Answer(await payfip.DetailAsync(payment.IdOp), null, false);
        }
        catch (PayFiPError error) when (error.Code is "P1" or "P5")
        {
            return new Answer(null, error.Code, false);
        }
        catch (PayFiPUnavailable e)
        {
            logger.LogWarning("PayFiP unreachable while reconciling payment {PaymentId}: {Error}", payment.Id, e.InnerException?.Message);
            return new Answer(null, null, true);
        }
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
                InvoiceSettlement.Record(invoice, InvoiceSettling.Pay(invoice.Aggregate!, payment.Id, PaymentMethods.PayFiP, paidOn, amount, Actor.PayFiP, now), session);
        }
        return unallocated;
    }
}

public static class ReconcilePaymentHandler
{
    /// <summary>
    /// A conflict, a database error or an unexpected PayFiP fault never ends the reconciliation: it is tried again with
    /// growing delays, from the durable schedule, until the payment is settled or expired.
    /// </summary>
    public static void Configure(Wolverine.Runtime.Handlers.HandlerChain chain) =>
        Wolverine.ErrorHandling.ErrorHandlingPolicyExtensions.OnAnyException(chain).ScheduleRetryIndefinitely(
            TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10));

    /// <summary>Runs on the schedule set when the payment was created; asks again later while PayFiP has no result.</summary>
    public static async Task Handle(ReconcilePayment message, Envelope envelope, CommuneDirectory communes, IServiceScopeFactory scopes,
        PayFiPSettings settings, IMessageBus bus, CancellationToken cancellation)
    {
        await using var scope = scopes.ForCommune(communes.OfMessage(envelope));
        var reconciler = scope.ServiceProvider.GetRequiredService<PaymentReconciler>();
        if (await reconciler.CheckAsync(message.PaymentId, cancellation))
            await bus.ScheduleAsync(message, settings.ReconcileEvery);
    }
}
