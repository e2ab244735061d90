using JasperFx.Events;
using PortailFamille.Api.Infrastructure;
using PortailFamille.Domain.Money;

namespace PortailFamille.Api.Money;

/// <summary>Writes a <see cref="Settlement"/>: its invoice event on the invoice's stream (fetched for writing, so a concurrent
/// settlement is refused) and its inscription events on theirs, in the caller's transaction.</summary>
public static class InvoiceSettlement
{
    public static void Record(IEventStream<Invoice> invoice, Settlement settlement, Marten.IDocumentSession session)
    {
        invoice.AppendOne(settlement.OnInvoice);
        foreach (var (inscriptionId, e) in settlement.OnInscriptions) session.Events.Append(inscriptionId, e);
    }

    /// <summary>The inscription events as a side effect a Wolverine handler returns beside the invoice's own events.</summary>
    public static OtherStreams OnInscriptions(this Settlement settlement)
    {
        var streams = new OtherStreams();
        foreach (var (inscriptionId, e) in settlement.OnInscriptions) streams.Append(inscriptionId, [e]);
        return streams;
    }
}
