using System.Globalization;
using Marten;
using Microsoft.AspNetCore.Authorization;
using NodaTime;
using PortailFamille.Api.Families;
using PortailFamille.Api.Infrastructure;
using PortailFamille.Domain.Accounts;
using PortailFamille.Domain.Common;
using PortailFamille.Domain.Money;
using PortailFamille.Domain.Payments;
using Wolverine;
using Wolverine.Http;

namespace PortailFamille.Api.Payments;

/// <summary>PayFiP's notification: it only makes the portal ask PayFiP how the payment ended.</summary>
public static class PayFiPNotificationEndpoint
{
    public static readonly TimeSpan NotificationAnswersWithin = TimeSpan.FromSeconds(2);

    /// <summary>A reconciliation that may outlive its request: a failure is logged, and the durable schedule asks again.</summary>
    private static async Task Reconcile(PaymentReconciler reconciler, Guid paymentId, ILogger logger)
    {
        try
        {
            await reconciler.CheckAsync(paymentId, CancellationToken.None);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning("Notification for payment {PaymentId} not applied now: {Error}", paymentId, e.Message);
        }
    }

    /// <summary>PayFiP's notification (form field <c>idop</c>): always 200. It only makes the portal ask PayFiP; an unknown
    /// idop, or a repeated one, changes nothing.</summary>
    [WolverinePost("/api/payfip/notification"), Tags("Paiement en ligne")]
    [EndpointSummary("Notification de PayFiP")]
    [EndpointDescription("Public (PayFiP). Le numéro d'opération ; le portail demande le résultat à PayFiP avant de créditer, et répond 200 en moins de 2 secondes quoi qu'il arrive.")]
    [AllowAnonymous]
    [ProducesResponseType(200)]
    public static async Task<IResult> Notification(HttpRequest request, IQuerySession session, PaymentReconciler reconciler,
        ILogger<PaymentReconciler> logger, CancellationToken cancellation)
    {
        try
        {
            var idOp = request.HasFormContentType ? (await request.ReadFormAsync(cancellation))["idop"].ToString() : "";
            if (idOp.Length is 0 or > 64 || idOp.Contains('\0')) return Results.Ok();
            var paymentId = await session.Query<OnlinePayment>().Where(p => p.IdOp == idOp).Select(p => p.Id).FirstOrDefaultAsync(cancellation);
            if (paymentId == Guid.Empty) return Results.Ok();
            // PayFiP waits for our answer: past a couple of seconds (PayFiP slow to answer our own question), the check
            // goes on without the request and the notification is answered.
            var check = Reconcile(reconciler, paymentId, logger);
            await Task.WhenAny(check, Task.Delay(NotificationAnswersWithin, cancellation));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // PayFiP only needs to know the notice arrived. While the payment is pending, the reconciliation scheduled
            // when it was created (durable, rescheduling itself) asks again whatever failed here.
            logger.LogWarning("Notification not applied now: {Error}", e.Message);
        }
        return Results.Ok();
    }
}
