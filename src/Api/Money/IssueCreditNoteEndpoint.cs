using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using PortailFamille.Api.Infrastructure;
using PortailFamille.Domain.Accounts;
using PortailFamille.Domain.Money;
using Wolverine.Http;
using Wolverine.Marten;

namespace PortailFamille.Api.Money;

public sealed record IssueCreditNote(int AmountCents, string Reason);

public sealed record CreditNoteIssuedResponse(Guid CreditNoteId, string Number);

public static class IssueCreditNoteEndpoint
{
    public static ProblemDetails Validate(IssueCreditNote command, [NotBody] Invoice? invoice) =>
        invoice is null ? InvoiceProblems.NoSuchInvoice
        : InvoiceSettling.CheckCreditNote(command.AmountCents, command.Reason) is { Any: true } errors ? Problems.InvalidDetails(errors)
        : InvoiceSettling.RefuseCreditNote(invoice, command.AmountCents) is { } refusal ? Problems.UnprocessableDetails(refusal)
        : WolverineContinue.NoProblems;

    /// <summary>An avoir on an issued invoice, numbered in the invoices' sequence; it lowers what is still owed.</summary>
    [WolverinePost("/api/staff/invoices/{invoiceId}/credit-notes"), Tags("Facturation")]
    [EndpointSummary("Émettre un avoir")]
    [EndpointDescription("Agents. Un avoir sur une facture, d'un montant au plus égal à ce qui reste à créditer ; il baisse ce qui reste dû.")]
    [Authorize(Roles = Roles.Staff)]
    [ProducesResponseType<CreditNoteIssuedResponse>(201), ProducesResponseType<ValidationProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(404), ProducesResponseType<ProblemDetails>(422)]
    public static async Task<(IResult, Events, OtherStreams)> Post(IssueCreditNote command,
        [WriteAggregate("invoiceId", Required = false)] Invoice invoice, IDocumentSession session, CurrentUser user, Moment moment,
        CancellationToken cancellation)
    {
        // The number is taken in the transaction that records the credit note: a rollback gives it back.
        await session.BeginTransactionAsync(cancellation);
        var number = (await DocumentNumbers.TakeAsync((NpgsqlConnection)session.Connection!, moment.Today.Year, 1, cancellation))[0];
        var creditNoteId = Guid.NewGuid();
        var settlement = InvoiceSettling.Credit(invoice, creditNoteId, number, moment.Today, command.AmountCents, command.Reason, user.Actor, moment.At);
        return (Results.Created($"/api/staff/invoices/{invoice.Id}", new CreditNoteIssuedResponse(creditNoteId, number)),
            [settlement.OnInvoice], settlement.OnInscriptions());
    }
}
