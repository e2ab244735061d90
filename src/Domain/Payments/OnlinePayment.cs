using System.Text.Json.Serialization;
using NodaTime;
using PortailFamille.Domain.Common;

namespace PortailFamille.Domain.Payments;

/// <summary>Where an online payment stands (API.md "Payments").</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PaymentStatus>))]
public enum PaymentStatus
{
    [JsonStringEnumMemberName("pending")] Pending,
    [JsonStringEnumMemberName("paid")] Paid,
    [JsonStringEnumMemberName("refused")] Refused,
    [JsonStringEnumMemberName("cancelled")] Cancelled,
    [JsonStringEnumMemberName("expired")] Expired,
}

/// <summary>What the parent chose to pay on one invoice.</summary>
public sealed record PaymentItem(Guid InvoiceId, string Number, int AmountCents);

/// <summary>Recorded before the parent is sent to PayFiP: the refdet and idOp PayFiP will answer about.</summary>
public sealed record PaymentInitiated(Guid PaymentId, Guid FamilyId, IReadOnlyList<PaymentItem> Items, int AmountCents, string Refdet, string IdOp,
    Actor By, Instant At);

/// <summary>PayFiP confirmed the payment (resultrans P or V); the money is allocated to the invoices in the same transaction.
/// <c>UnallocatedCents</c> is what found no balance left (an invoice settled meanwhile at the counter).</summary>
public sealed record PaymentConfirmed(Guid PaymentId, string Resultrans, string? Numauto, LocalDate PaidOn, int UnallocatedCents, Actor By, Instant At);

/// <summary>PayFiP refused the payment (resultrans R or Z).</summary>
public sealed record PaymentRefused(Guid PaymentId, string Resultrans, Actor By, Instant At);

/// <summary>The parent cancelled at PayFiP (resultrans A).</summary>
public sealed record PaymentCancelled(Guid PaymentId, string Resultrans, Actor By, Instant At);

/// <summary>No result: PayFiP no longer knows the idOp (P1), or it was still unfinished after the waiting time (P5).</summary>
public sealed record PaymentExpired(Guid PaymentId, string Code, Actor By, Instant At);

/// <summary>An online payment through PayFiP, as its stream says it is now.</summary>
public sealed record OnlinePayment(Guid Id, Guid FamilyId, IReadOnlyList<PaymentItem> Items, int AmountCents, string Refdet, string IdOp,
    PaymentStatus Status, Instant InitiatedAt, Instant? EndedAt, string? Resultrans)
{
    public static OnlinePayment Create(PaymentInitiated e) =>
        new(e.PaymentId, e.FamilyId, e.Items, e.AmountCents, e.Refdet, e.IdOp, PaymentStatus.Pending, e.At, null, null);

    public OnlinePayment Apply(PaymentConfirmed e) => this with { Status = PaymentStatus.Paid, EndedAt = e.At, Resultrans = e.Resultrans };
    public OnlinePayment Apply(PaymentRefused e) => this with { Status = PaymentStatus.Refused, EndedAt = e.At, Resultrans = e.Resultrans };
    public OnlinePayment Apply(PaymentCancelled e) => this with { Status = PaymentStatus.Cancelled, EndedAt = e.At, Resultrans = e.Resultrans };
    public OnlinePayment Apply(PaymentExpired e) => this with { Status = PaymentStatus.Expired, EndedAt = e.At };

    public bool IsPending => Status == PaymentStatus.Pending;
}
