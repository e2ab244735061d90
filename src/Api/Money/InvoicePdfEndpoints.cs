using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using PortailFamille.Api.Infrastructure;
using PortailFamille.Domain.Accounts;
using PortailFamille.Domain.Money;
using Wolverine.Http;
using Wolverine.Marten;

namespace PortailFamille.Api.Money;

public static class InvoiceProblems
{
    public static ProblemDetails NoSuchInvoice => Problems.NotFoundDetails("Aucune facture avec cet identifiant.");
}

public static class InvoiceFiles
{
    /// <summary>The invoice as issued, as a PDF file named after its number.</summary>
    public static IResult Pdf(Invoice invoice, CommuneSettings commune) =>
        Results.File(Documents.InvoicePdf.Render(commune, invoice), "application/pdf", $"facture-{invoice.Number}.pdf");
}

public static class StaffInvoicePdfEndpoint
{
    public static ProblemDetails Validate([NotBody] Invoice? invoice) => invoice is null ? InvoiceProblems.NoSuchInvoice : WolverineContinue.NoProblems;

    [WolverineGet("/api/staff/invoices/{invoiceId}/pdf"), Tags("Facturation")]
    [EndpointSummary("Une facture en PDF (agents)")]
    [EndpointDescription("Agents. Le PDF de la facture telle qu'émise.")]
    [Authorize(Roles = Roles.Staff)]
    [Produces("application/pdf")]
    [ProducesResponseType(200), ProducesResponseType<ProblemDetails>(404)]
    public static IResult Get([ReadAggregate("invoiceId", Required = false)] Invoice invoice, CommuneSettings commune) =>
        InvoiceFiles.Pdf(invoice, commune);
}

public static class InvoicePdfEndpoint
{
    /// <summary>Another family's invoice is answered as if there were none.</summary>
    public static ProblemDetails Validate([NotBody] Invoice? invoice, CurrentUser user) =>
        invoice is null || invoice.FamilyId != user.FamilyId ? InvoiceProblems.NoSuchInvoice : WolverineContinue.NoProblems;

    [WolverineGet("/api/invoices/{invoiceId}/pdf"), Tags("Mon compte")]
    [EndpointSummary("Une facture en PDF")]
    [EndpointDescription("Parents, pour leurs propres factures (autre famille : 404).")]
    [Authorize(Roles = Roles.Parent)]
    [Produces("application/pdf")]
    [ProducesResponseType(200), ProducesResponseType<ProblemDetails>(404)]
    public static IResult Get([ReadAggregate("invoiceId", Required = false)] Invoice invoice, CommuneSettings commune) =>
        InvoiceFiles.Pdf(invoice, commune);
}
