using System.Globalization;
using System.Security.Claims;
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

public sealed record PaymentItemRequest(Guid InvoiceId, int AmountCents);

public sealed record StartPayment(PaymentItemRequest[] Items);

public sealed record PaymentStarted(Guid PaymentId, string Refdet, int AmountCents, string RedirectUrl);

public sealed record PaymentView(Guid PaymentId, string Status, int AmountCents, string Refdet, IReadOnlyList<PaymentItem> Items, Instant CreatedAt);

/// <summary>Online payment of invoices through PayFiP: the parent chooses, is sent to PayFiP, and only PayFiP's answer moves money.</summary>
public static class PaymentEndpoints
{
    public const int MaxItems = 24;
    private const string NoInvoice = "Aucune facture avec cet identifiant.";

    /// <summary>Checks the choice, asks PayFiP for an idOp and records the payment (refdet, idOp) before the parent is
    /// redirected; a durable schedule will ask PayFiP how it ended even if no notification ever comes.</summary>
    [WolverinePost("/api/payments"), Tags("Paiement en ligne")]
    [EndpointSummary("Payer en ligne avec PayFiP")]
    [EndpointDescription("Parents. Les factures choisies et leurs montants (partiel si la régie l'autorise) ; la réponse donne l'adresse de la page PayFiP. Une facture déjà en cours de paiement : 409.")]
    [Authorize(Roles = Roles.Parent)]
    [ProducesResponseType<PaymentStarted>(201)]
    public static async Task<IResult> Start(StartPayment command, ClaimsPrincipal principal, IDocumentSession session, PayFiPClient payfip,
        PayFiPSettings settings, PortalSettings portal, CommuneSettings commune, IClock clock, IMessageBus bus, IDocumentStore store,
        CommuneContext communeScope, CancellationToken cancellation)
    {
        var family = await ParentFamilyEndpoints.LoadOwnAsync(session, principal, cancellation);
        if (family is null) return Problems.NotFound();
        var items = command.Items ?? [];
        var errors = new Errors()
            .Require(items.Length is > 0 and <= MaxItems, "items", $"Choisissez de 1 à {MaxItems} factures.")
            .Require(items.DistinctBy(i => i.InvoiceId).Count() == items.Length, "items", "Une facture ne peut figurer qu'une fois.")
            .Require(items.All(i => i.AmountCents > 0), "items", "Chaque montant doit être positif.");
        if (errors.Any) return Problems.Invalid(errors);
        var invoices = new List<Invoice>();
        foreach (var item in items)
        {
            var invoice = item.InvoiceId == Guid.Empty ? null : await session.LoadAsync<Invoice>(item.InvoiceId, cancellation);
            if (invoice is null || invoice.FamilyId != family.Id) return Problems.NotFound(NoInvoice);
            invoices.Add(invoice);
        }

        var regie = commune.Regie;
        if (!regie.PaymentAllowed) return Problems.Unprocessable("La régie n'accepte pas le paiement en ligne.");
        var paymentId = Guid.NewGuid();
        var now = clock.GetCurrentInstant();
        var invoiceIds = invoices.Select(i => i.Id).ToList();
        // Claimed before reading what is pending, so a payment being created elsewhere is either seen or refused.
        if (!await PaymentClaims.TryClaimAsync(store, communeScope.TenantId, invoiceIds, paymentId, now, cancellation))
            return Problems.Conflict("Un paiement en ligne de cette facture est déjà en cours de création (double clic ou autre onglet) : suivez-le ou réessayez dans un instant.");
        var pending = (await session.Query<OnlinePayment>().Where(p => p.FamilyId == family.Id && p.Status == PaymentStatus.Pending).ToListAsync(cancellation))
            .SelectMany(p => p.Items).GroupBy(i => i.InvoiceId).ToDictionary(g => g.Key, g => g.Sum(i => i.AmountCents));
        foreach (var (item, invoice) in items.Zip(invoices))
        {
            var payable = invoice.BalanceCents - pending.GetValueOrDefault(invoice.Id);
            if (item.AmountCents > payable)
                return await Released(Problems.Unprocessable($"Le montant pour la facture {invoice.Number} dépasse ce qui reste à payer " +
                                              $"({Documents.FrenchFormat.Euros(Math.Max(0, payable))}, paiements en cours déduits)."));
            if (item.AmountCents < invoice.BalanceCents && !regie.PartialPaymentAllowed)
                return await Released(Problems.Unprocessable($"La régie n'accepte pas le paiement partiel : la facture {invoice.Number} se règle en entier."));
        }
        var total = items.Sum(i => i.AmountCents);
        if (total < PayFiPRules.MinimumCents)
            return await Released(Problems.Unprocessable($"Un paiement en ligne doit être d'au moins {Documents.FrenchFormat.Euros(PayFiPRules.MinimumCents)}."));

        var request = new CreationPaiement
        {
            exer = now.InZone(commune.Zone).Year.ToString(CultureInfo.InvariantCulture), mel = family.Email,
            montant = total.ToString(CultureInfo.InvariantCulture), numcli = regie.PayFiPClientNumber,
            objet = PayFiPRules.ObjetFor(invoices.Select(i => i.Number)), refdet = PayFiPRules.RefdetFor(paymentId), saisie = settings.Saisie,
            urlnotif = $"{portal.PublicUrl}/api/payfip/notification", urlredirect = $"{portal.PublicUrl}/?paiement={paymentId}",
        };
        if (PayFiPRules.Invalid(request.numcli, request.exer, request.refdet, request.objet, request.montant, request.mel, request.saisie) is [_, ..] invalid)
            return await Released(Problems.Unprocessable($"Ce paiement ne peut pas être transmis à PayFiP (champs {string.Join(", ", invalid)}) : contactez la régie."));
        string idOp;
        try
        {
            idOp = await payfip.CreateAsync(request);
        }
        catch (Exception e) when (e is PayFiPError or PayFiPUnavailable)
        {
            return await Released(Results.Problem(statusCode: 503, title: "Service indisponible",
                detail: "Le paiement en ligne est momentanément indisponible. Veuillez réessayer plus tard ; rien n'a été débité."));
        }

        async Task<IResult> Released(IResult refusal)
        {
            await PaymentClaims.ReleaseAsync(store, communeScope.TenantId, invoiceIds, paymentId, cancellation);
            return refusal;
        }

        var started = new PaymentInitiated(paymentId, family.Id, items.Zip(invoices).Select(x => new PaymentItem(x.First.InvoiceId, x.Second.Number,
            x.First.AmountCents)).ToList(), total, request.refdet, idOp, CurrentUser.From(principal).Actor, now);
        session.Events.StartStream<OnlinePayment>(paymentId, started);
        await bus.ScheduleAsync(new ReconcilePayment(paymentId), settings.ReconcileAfter);
        return Results.Created($"/api/payments/{paymentId}",
            new PaymentStarted(paymentId, request.refdet, total, $"{settings.PaymentUrl}?idop={Uri.EscapeDataString(idOp)}"));
    }

    [WolverineGet("/api/payments/{paymentId}"), Tags("Paiement en ligne")]
    [EndpointSummary("L'état d'un paiement en ligne")]
    [EndpointDescription("Parents, pour leurs propres paiements : en cours, payé, refusé, annulé ou expiré.")]
    [Authorize(Roles = Roles.Parent)]
    [ProducesResponseType<PaymentView>(200)]
    public static async Task<IResult> Get(Guid paymentId, ClaimsPrincipal principal, IQuerySession session, CancellationToken cancellation)
    {
        var payment = paymentId == Guid.Empty ? null : await session.LoadAsync<OnlinePayment>(paymentId, cancellation);
        if (payment is null || payment.FamilyId != CurrentUser.From(principal).FamilyId) return Problems.NotFound("Aucun paiement avec cet identifiant.");
        return Results.Ok(new PaymentView(payment.Id, payment.Status, payment.AmountCents, payment.Refdet, payment.Items, payment.InitiatedAt));
    }

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
