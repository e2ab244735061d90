using NodaTime.Text;
using PortailFamille.Api.Documents;
using PortailFamille.Api.Infrastructure;
using PortailFamille.Api.Mail;
using PortailFamille.Domain.Money;

namespace PortailFamille.Api.Money;

public static class MoneyMails
{
    /// <summary>Tells the family a new invoice is on the portal (the PDF stays there: one place to fetch it).</summary>
    public static OutgoingMail InvoiceIssued(string to, InvoiceIssued invoice, CommuneSettings commune, PortalSettings portal) => new(to,
        $"{commune.Name} – votre facture {invoice.Number}",
        $"""
        Bonjour,

        Votre facture n° {invoice.Number} pour {FrenchFormat.MonthName(YearMonthPattern.Iso.Parse(invoice.Month).Value)} est disponible
        sur le Portail Famille, rubrique « Mon compte » : {FrenchFormat.Euros(invoice.AmountCents)}.

        Vous pouvez la régler en ligne (paiement sécurisé PayFiP) ou auprès de la {commune.Regie.Name}.
        {portal.PublicUrl}

        La {commune.Regie.Name}
        """);
}
