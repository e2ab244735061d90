using Marten;
using JasperFx;
using NodaTime;
using PortailFamille.Domain.Payments;

namespace PortailFamille.Api.Payments;

/// <summary>An invoice some online payment is being created for (document id = invoice id).</summary>
public sealed class InvoicePaymentClaim
{
    public Guid Id { get; set; }
    public Guid PaymentId { get; set; }
    public Instant At { get; set; }
}

/// <summary>
/// Serializes the creation of online payments per invoice, across requests and API processes: between the check of
/// what is payable and the commit of the payment there is a call to PayFiP, and a double click or a second tab must
/// not slip a second payment in there. A claim holds while its payment is being created (at most
/// <see cref="Window"/>, longer than PayFiP's timeout); once that payment is recorded, the next request takes the claim
/// over and sees the payment as pending.
/// </summary>
public static class PaymentClaims
{
    public static readonly Duration Window = Duration.FromSeconds(90);

    public static void Configure(StoreOptions opts) =>
        opts.Schema.For<InvoicePaymentClaim>().UseOptimisticConcurrency(true);

    /// <summary>False when another payment for one of the invoices is being created right now.</summary>
    public static async Task<bool> TryClaimAsync(IDocumentStore store, string tenantId, IReadOnlyList<Guid> invoiceIds, Guid paymentId, Instant now,
        CancellationToken cancellation)
    {
        // A claim is not the request's effect (the payment is): it must not mark the request's Idempotency-Key.
        // Local to this call: an async method's changes to an AsyncLocal do not flow back to its caller.
        Infrastructure.IdempotencyScope.Current = null;
        await using var session = store.LightweightSession(tenantId);
        foreach (var invoiceId in invoiceIds.Order())
        {
            var claim = await session.LoadAsync<InvoicePaymentClaim>(invoiceId, cancellation);
            if (claim is null)
            {
                session.Insert(new InvoicePaymentClaim { Id = invoiceId, PaymentId = paymentId, At = now });
                continue;
            }
            var recorded = await session.LoadAsync<OnlinePayment>(claim.PaymentId, cancellation) is not null;
            if (!recorded && now - claim.At < Window) return false;
            // Versioned: of two requests taking over the same old claim, the second fails on save.
            (claim.PaymentId, claim.At) = (paymentId, now);
            session.Store(claim);
        }
        try
        {
            await session.SaveChangesAsync(cancellation);
            return true;
        }
        catch (Exception e) when (e is DocumentAlreadyExistsException or ConcurrencyException)
        {
            return false;
        }
    }

    /// <summary>PayFiP refused or could not be reached: nothing was recorded, the invoices are free again.</summary>
    public static async Task ReleaseAsync(IDocumentStore store, string tenantId, IReadOnlyList<Guid> invoiceIds, Guid paymentId, CancellationToken cancellation)
    {
        Infrastructure.IdempotencyScope.Current = null; // nothing was done: a retry with the same key runs for real
        await using var session = store.LightweightSession(tenantId);
        session.DeleteWhere<InvoicePaymentClaim>(c => c.PaymentId == paymentId && invoiceIds.Contains(c.Id));
        await session.SaveChangesAsync(cancellation);
    }
}
