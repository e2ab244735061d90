using System.Globalization;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using PortailFamille.Api.Infrastructure;
using PortailFamille.Domain.Accounts;
using PortailFamille.Domain.Common;
using PortailFamille.Domain.Families;
using PortailFamille.Domain.Money;
using PortailFamille.Domain.Payments;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;

namespace PortailFamille.Api.Payments;

public sealed record PaymentItemRequest(Guid InvoiceId, int AmountCents);

public sealed record StartPayment(PaymentItemRequest[] Items);

public sealed record PaymentStarted(Guid PaymentId, string Refdet, int AmountCents, string RedirectUrl);

/// <summary>The parent's choice as loaded: their family and, in the order chosen, each invoice with its amount; an invoice
/// missing or another family's is null.</summary>
public sealed record PaymentChoice(Family? Family, IReadOnlyList<(Invoice? Invoice, int AmountCents)> Items, Errors Errors);

public static class StartPaymentEndpoint
{
    public static async Task<PaymentChoice> LoadAsync(StartPayment command, CurrentUser user, IDocumentSession session, CancellationToken cancellation)
    {
        var family = user.FamilyId is { } familyId ? await session.LoadAsync<Family>(familyId, cancellation) : null;
        var asked = (command.Items ?? []).Select(i => (i.InvoiceId, i.AmountCents)).ToList();
        var errors = OnlinePaymentChoice.Check(asked);
        if (family is null || errors.Any) return new PaymentChoice(family, [], errors);
        var invoices = (await session.LoadManyAsync<Invoice>(cancellation, asked.Select(i => i.InvoiceId).Where(id => id != Guid.Empty).ToArray()))
            .Where(i => i.FamilyId == family.Id).ToDictionary(i => i.Id);
        return new PaymentChoice(family, [.. asked.Select(i => (invoices.GetValueOrDefault(i.InvoiceId), i.AmountCents))], errors);
    }

    public static ProblemDetails Validate(PaymentChoice choice) =>
        choice.Family is null ? Problems.NotFoundDetails("Ressource introuvable.")
        : choice.Errors.Any ? Problems.InvalidDetails(choice.Errors)
        : choice.Items.Any(i => i.Invoice is null) ? Money.InvoiceProblems.NoSuchInvoice
        : WolverineContinue.NoProblems;

    /// <summary>Checks the choice, asks PayFiP for an idOp and records the payment (refdet, idOp) before the parent is
    /// redirected; a durable schedule will ask PayFiP how it ended even if no notification ever comes.</summary>
    [WolverinePost("/api/payments"), Tags("Paiement en ligne")]
    [EndpointSummary("Payer en ligne avec PayFiP")]
    [EndpointDescription("Parents. Les factures choisies et leurs montants (partiel si la régie l'autorise) ; la réponse donne l'adresse de la page PayFiP. Une facture déjà en cours de paiement : 409.")]
    [Authorize(Roles = Roles.Parent)]
    [ProducesResponseType<PaymentStarted>(201), ProducesResponseType<ValidationProblemDetails>(400), ProducesResponseType<ProblemDetails>(404)]
    [ProducesResponseType<ProblemDetails>(409), ProducesResponseType<ProblemDetails>(422), ProducesResponseType<ProblemDetails>(503)]
    public static async Task<(IResult, IMartenOp, OutgoingMessages)> Post(StartPayment command, [NotBody] PaymentChoice choice, IDocumentSession session,
        PayFiPClient payfip, PayFiPSettings settings, PortalSettings portal, CommuneSettings commune, CurrentUser user, Moment moment,
        IDocumentStore store, CommuneContext communeScope, CancellationToken cancellation)
    {
        var family = choice.Family!;
        var items = choice.Items.Select(i => (Invoice: i.Invoice!, i.AmountCents)).ToList();
        var invoiceIds = items.Select(i => i.Invoice.Id).ToList();
        var paymentId = Guid.NewGuid();
        // Claimed before reading what is pending, so a payment being created elsewhere is either seen or refused.
        if (!await PaymentClaims.TryClaimAsync(store, communeScope.TenantId, invoiceIds, paymentId, moment.At, cancellation))
            return Refused(Problems.Conflict("Un paiement en ligne de cette facture est déjà en cours de création (double clic ou autre onglet) : suivez-le ou réessayez dans un instant."));

        async Task<(IResult, IMartenOp, OutgoingMessages)> Released(IResult refusal)
        {
            await PaymentClaims.ReleaseAsync(store, communeScope.TenantId, invoiceIds, paymentId, cancellation);
            return Refused(refusal);
        }

        var pending = OnlinePaymentChoice.PendingByInvoice(await session.Query<OnlinePayment>()
            .Where(p => p.FamilyId == family.Id && p.Status == PaymentStatus.Pending).ToListAsync(cancellation));
        var regie = commune.Regie;
        if (OnlinePaymentChoice.Refuse(items, pending, new RegieRules(regie.PaymentAllowed, regie.PartialPaymentAllowed)) is { } refusal)
            return await Released(Problems.Unprocessable(refusal));

        var total = items.Sum(i => i.AmountCents);
        var request = new CreationPaiement
        {
            exer = moment.At.InZone(commune.Zone).Year.ToString(CultureInfo.InvariantCulture), mel = family.Email,
            montant = total.ToString(CultureInfo.InvariantCulture), numcli = regie.PayFiPClientNumber,
            objet = PayFiPRules.ObjetFor(items.Select(i => i.Invoice.Number)), refdet = PayFiPRules.RefdetFor(paymentId), saisie = settings.Saisie,
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

        var started = new PaymentInitiated(paymentId, family.Id, items.Select(i => new PaymentItem(i.Invoice.Id, i.Invoice.Number, i.AmountCents)).ToList(),
            total, request.refdet, idOp, user.Actor, moment.At);
        return (Results.Created($"/api/payments/{paymentId}", new PaymentStarted(paymentId, request.refdet, total, $"{settings.PaymentUrl}?idop={Uri.EscapeDataString(idOp)}")),
            MartenOps.StartStream<OnlinePayment>(paymentId, started), [new ReconcilePayment(paymentId).DelayedFor(settings.ReconcileAfter)]);
    }

    private static (IResult, IMartenOp, OutgoingMessages) Refused(IResult refusal) => (refusal, MartenOps.Nothing(), []);
}
