using NodaTime;
using PortailFamille.Api.Infrastructure;

namespace PortailFamille.Api.Documents;

/// <summary>The attestation fiscale: childcare paid in a year for children under six on 1 January (meals excluded).</summary>
public static class FiscalAttestationPdf
{
    public sealed record ChildAmount(string Child, LocalDate BirthDate, long PaidCents);

    public static byte[] Render(CommuneSettings commune, string parent, int year, IReadOnlyList<ChildAmount> children, LocalDate issuedOn)
    {
        using var pdf = new PdfPageWriter($"Attestation fiscale {year}");
        AttestationPdf.Letterhead(pdf, commune);
        pdf.Line($"ATTESTATION FISCALE – ANNÉE {year}", pdf.Title, 30)
            .Line("Frais de garde des enfants de moins de 6 ans (article 200 quater B du code général des impôts)", gap: 24)
            .Line($"La {commune.Regie.Name} atteste que {parent}")
            .Line($"a payé en {year}, pour la garde de ses enfants âgés de moins de 6 ans au 1er janvier {year},")
            .Line("les sommes suivantes (les frais de repas en sont exclus) :", gap: 24);
        if (children.Count == 0) pdf.Line("Aucun enfant de moins de 6 ans au 1er janvier n'a fréquenté nos accueils.");
        foreach (var child in children)
            pdf.Row([($"{child.Child}, né(e) le {FrenchFormat.Date(child.BirthDate)}", 0, null), (FrenchFormat.Euros(child.PaidCents), 380, 110.0)]);
        pdf.Rule().Row([("Total", 0, null), (FrenchFormat.Euros(children.Sum(c => c.PaidCents)), 380, 110.0)], pdf.Bold, 36)
            .Line($"Fait le {FrenchFormat.Date(issuedOn)}, pour servir et valoir ce que de droit.");
        return pdf.ToBytes();
    }
}
