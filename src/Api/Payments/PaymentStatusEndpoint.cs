using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using PortailFamille.Api.Infrastructure;
using PortailFamille.Domain.Accounts;
using PortailFamille.Domain.Payments;
using Wolverine.Http;
using Wolverine.Marten;

namespace PortailFamille.Api.Payments;

public sealed record PaymentView(Guid PaymentId, PaymentStatus Status, int AmountCents, string Refdet, IReadOnlyList<PaymentItem> Items, Instant CreatedAt);

public static class PaymentStatusEndpoint
{
    /// <summary>Another family's payment is answered as if there were none.</summary>
    public static ProblemDetails Validate([NotBody] OnlinePayment? payment, CurrentUser user) =>
        payment is null || payment.FamilyId != user.FamilyId ? Problems.NotFoundDetails("Aucun paiement avec cet identifiant.") : WolverineContinue.NoProblems;

    [WolverineGet("/api/payments/{paymentId}"), Tags("Paiement en ligne")]
    [EndpointSummary("L'état d'un paiement en ligne")]
    [EndpointDescription("Parents, pour leurs propres paiements : en cours, payé, refusé, annulé ou expiré.")]
    [Authorize(Roles = Roles.Parent)]
    [ProducesResponseType<PaymentView>(200), ProducesResponseType<ProblemDetails>(404)]
    public static PaymentView Get([ReadAggregate("paymentId", Required = false)] OnlinePayment payment) =>
        new(payment.Id, payment.Status, payment.AmountCents, payment.Refdet, payment.Items, payment.InitiatedAt);
}
