using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using PortailFamille.Api.Infrastructure;
using PortailFamille.Domain.Accounts;
using PortailFamille.Domain.Common;
using PortailFamille.Domain.Families;
using PortailFamille.Domain.Money;
using PortailFamille.Domain.Payments;
using Wolverine.Http;

namespace PortailFamille.Api.Money;

public sealed record InvoicingPreviewView(string Month, int InvoiceCount, int AmountCents, int AlreadyInvoiced, IReadOnlyList<InvoiceDraft> Families);

public sealed record StaffInvoiceDetail(Guid InvoiceId, string Number, Guid FamilyId, string Month, LocalDate IssuedOn, Addressee To,
    IReadOnlyList<StaffInvoiceLine> Lines, int AmountCents, int CreditedCents, int PaidCents, int BalanceCents, InvoiceStatus Status,
    IReadOnlyList<CreditNote> CreditNotes, IReadOnlyList<InvoicePayment> Payments);

public sealed record StaffInvoiceLine(Guid InscriptionId, string ChildName, string ActivityCode, string ActivityLabel, string Unit, int Qf,
    int UnitPriceCents, IReadOnlyList<LocalDate> Dates, int AmountCents, int SettledCents);

public sealed record StaffPaymentView(Guid PaymentId, Guid FamilyId, string FamilyName, int AmountCents, string Refdet, string IdOp, PaymentStatus Status,
    string? Resultrans, Instant InitiatedAt, Instant? EndedAt, IReadOnlyList<string> Invoices);

/// <summary>The régie's reads: what invoicing a month would issue, an invoice line by line, and the online payments.</summary>
public static class RegieEndpoints
{
    public static ProblemDetails Validate(string? month, int? page, int? pageSize)
    {
        var errors = new Errors();
        Dates.ParseMonth(month, "month", errors);
        Paging.Parse(page, pageSize, errors);
        return Problems.InvalidDetails(errors);
    }

    [WolverineGet("/api/staff/invoicing/preview"), Tags("Facturation")]
    [EndpointSummary("Aperçu de la facturation d'un mois")]
    [EndpointDescription("Agents. Ce que « Facturer un mois » émettrait maintenant, calculé de la même façon sans rien écrire : le nombre de " +
                         "factures, leur total, les familles déjà facturées pour ce mois, et la liste des familles avec leur montant, paginée " +
                         "(?page=&pageSize=, total dans X-Total-Count).")]
    [Authorize(Roles = Roles.Staff)]
    [ProducesResponseType<InvoicingPreviewView>(200), ProducesResponseType<ValidationProblemDetails>(400)]
    public static async Task<InvoicingPreviewView> Preview(string? month, int? page, int? pageSize, InvoicingRun run, HttpResponse response,
        CancellationToken cancellation)
    {
        var paging = Paging.Parse(page, pageSize, new Errors());
        var preview = await run.PreviewAsync(NodaTime.Text.YearMonthPattern.Iso.Parse(month!).Value, cancellation);
        Paging.Total(response, preview.Drafts.Count);
        return new InvoicingPreviewView(preview.Month, preview.Drafts.Count, preview.AmountCents, preview.AlreadyInvoiced,
            preview.Drafts.Skip(paging.Skip).Take(paging.PageSize).ToList());
    }
}

public static class StaffInvoiceDetailEndpoint
{
    public static Task<Invoice?> LoadAsync(Guid invoiceId, IQuerySession session, CancellationToken cancellation) =>
        session.LoadAsync<Invoice>(invoiceId, cancellation);

    public static ProblemDetails Validate([NotBody] Invoice? invoice) => invoice is null
        ? Problems.NotFoundDetails("Aucune facture avec cet identifiant.")
        : WolverineContinue.NoProblems;

    [WolverineGet("/api/staff/invoices/{invoiceId}"), Tags("Facturation")]
    [EndpointSummary("Une facture, ligne par ligne")]
    [EndpointDescription("Agents. La facture telle qu'émise (destinataire, lignes par enfant, activité et unité avec le quotient, le prix et les " +
                         "jours), ce que chaque ligne a déjà reçu, les avoirs et les paiements ; chaque ligne nomme son inscription pour en " +
                         "ouvrir l'historique (« pourquoi ? »).")]
    [Authorize(Roles = Roles.Staff)]
    [ProducesResponseType<StaffInvoiceDetail>(200), ProducesResponseType<ProblemDetails>(404)]
    public static StaffInvoiceDetail Get([NotBody] Invoice invoice) => new(invoice.Id, invoice.Number, invoice.FamilyId, invoice.Month, invoice.IssuedOn,
        invoice.To, invoice.Lines.Select((l, i) => new StaffInvoiceLine(l.InscriptionId, l.ChildName, l.ActivityCode, l.ActivityLabel, l.Unit, l.Qf,
            l.UnitPriceCents, l.Dates, l.AmountCents, invoice.SettledCents[i])).ToList(),
        invoice.AmountCents, invoice.CreditedCents, invoice.PaidCents, invoice.BalanceCents, invoice.Status, invoice.CreditNotes, invoice.Payments);
}

public static class StaffPaymentsEndpoint
{
    public static ProblemDetails Validate(string? status, int? page, int? pageSize)
    {
        var errors = new Errors().Require(status is null || Vocabulary.TryParse<PaymentStatus>(status, out _), "status",
            $"Le statut doit être l'un de : {string.Join(", ", Vocabulary.WordsOf<PaymentStatus>())}.");
        Paging.Parse(page, pageSize, errors);
        return Problems.InvalidDetails(errors);
    }

    [WolverineGet("/api/staff/payments"), Tags("Facturation")]
    [EndpointSummary("Les paiements en ligne")]
    [EndpointDescription("Agents. Les paiements PayFiP, du plus récent au plus ancien, avec leur état (pending, paid, refused, cancelled, " +
                         "expired), le code résultat de PayFiP, la référence (refdet), l'idOp et les factures réglées ; filtre ?status=, " +
                         "paginé (?page=&pageSize=, total dans X-Total-Count).")]
    [Authorize(Roles = Roles.Staff)]
    [ProducesResponseType<StaffPaymentView[]>(200), ProducesResponseType<ValidationProblemDetails>(400)]
    public static async Task<List<StaffPaymentView>> Get(string? status, int? page, int? pageSize, IQuerySession session, HttpResponse response,
        CancellationToken cancellation)
    {
        var paging = Paging.Parse(page, pageSize, new Errors());
        var query = session.Query<OnlinePayment>().AsQueryable();
        if (Vocabulary.TryParse(status, out PaymentStatus wanted)) query = query.Where(p => p.Status == wanted);
        Paging.Total(response, await query.CountAsync(cancellation));
        var payments = await query.OrderByDescending(p => p.InitiatedAt).ThenBy(p => p.Id).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(cancellation);
        var families = payments.Count == 0 ? new Dictionary<Guid, Family>()
            : (await session.LoadManyAsync<Family>(cancellation, payments.Select(p => p.FamilyId).Distinct().ToArray())).ToDictionary(f => f.Id);
        return payments.Select(p => new StaffPaymentView(p.Id, p.FamilyId, families.GetValueOrDefault(p.FamilyId) is { } f ? $"{f.LastName} {f.FirstName}" : "",
            p.AmountCents, p.Refdet, p.IdOp, p.Status, p.Resultrans, p.InitiatedAt, p.EndedAt, p.Items.Select(i => i.Number).ToList())).ToList();
    }
}
