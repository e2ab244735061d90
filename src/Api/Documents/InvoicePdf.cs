using NodaTime.Text;
using PortailFamille.Api.Infrastructure;
using PortailFamille.Domain.Money;

namespace PortailFamille.Api.Documents;

/// <summary>The invoice (facture) as issued: who, which month, line by line, the total, and how to pay it.</summary>
public static class InvoicePdf
{
    public static byte[] Render(CommuneSettings commune, Invoice invoice)
    {
        using var pdf = new PdfPageWriter($"Facture {invoice.Number}");
        AttestationPdf.Letterhead(pdf, commune);
        var to = invoice.To;
        pdf.Line(to.Name, pdf.Bold).Line(to.Line1);
        if (!string.IsNullOrWhiteSpace(to.Line2)) pdf.Line(to.Line2);
        pdf.Line($"{to.PostalCode} {to.City}", gap: 30)
            .Line($"FACTURE N° {invoice.Number}", pdf.Title, 24)
            .Line($"Émise le {FrenchFormat.Date(invoice.IssuedOn)} par la {commune.Regie.Name}")
            .Line($"Période : {FrenchFormat.MonthName(YearMonthPattern.Iso.Parse(invoice.Month).Value)}", gap: 26);

        pdf.Row([("Enfant", 0, null), ("Activité", 120, null), ("Unité", 270, null), ("Jours", 310, 40.0), ("Prix unitaire", 355, 70.0), ("Montant", 425, 70.0)], pdf.Bold)
            .Rule();
        foreach (var line in invoice.Lines)
            pdf.Row([(Clip(line.ChildName, 22), 0, null), (Clip(line.ActivityLabel, 26), 120, null), (line.Unit, 270, null),
                (line.Days.ToString(FrenchFormat.Culture), 310, 40.0), (FrenchFormat.Euros(line.UnitPriceCents), 355, 70.0),
                (FrenchFormat.Euros(line.AmountCents), 425, 70.0)]);
        pdf.Rule().Row([("Total à payer", 270, null), (FrenchFormat.Euros(invoice.AmountCents), 425, 70.0)], pdf.Bold, 30);

        pdf.Line("Comment payer", pdf.Bold)
            .Line("• en ligne, par carte bancaire, depuis « Mon compte » du Portail Famille (paiement sécurisé PayFiP) ;")
            .Line($"• auprès de la {commune.Regie.Name}, {commune.Address},")
            .Line($"  en rappelant le numéro de facture {invoice.Number}.");
        return pdf.ToBytes();
    }

    private static string Clip(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
