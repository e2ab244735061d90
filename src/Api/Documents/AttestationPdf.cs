using NodaTime;
using PortailFamille.Api.Infrastructure;

namespace PortailFamille.Api.Documents;

/// <summary>The attestation d'inscription: this child is enrolled in this activity for this period.</summary>
public static class AttestationPdf
{
    public sealed record Content(string Parent, string Child, LocalDate BirthDate, string Activity, string Equipment, string Group,
        LocalDate From, LocalDate To, LocalDate IssuedOn);

    public static byte[] Inscription(CommuneSettings commune, Content c)
    {
        using var pdf = new PdfPageWriter($"Attestation d'inscription – {c.Child}");
        Letterhead(pdf, commune);
        pdf.Line("ATTESTATION D'INSCRIPTION", pdf.Title, 40)
            .Line($"Le service des inscriptions de la {commune.Name} atteste que l'enfant")
            .Line($"{c.Child}, né(e) le {FrenchFormat.Date(c.BirthDate)},")
            .Line($"est inscrit(e) à l'activité « {c.Activity} » ({c.Equipment}), groupe {c.Group},")
            .Line($"du {FrenchFormat.Date(c.From)} au {FrenchFormat.Date(c.To)}.", gap: 30)
            .Line($"Responsable : {c.Parent}.", gap: 40)
            .Line($"Fait le {FrenchFormat.Date(c.IssuedOn)}, pour servir et valoir ce que de droit.");
        return pdf.ToBytes();
    }

    /// <summary>The commune's name and contact, top left of every document.</summary>
    public static void Letterhead(PdfPageWriter pdf, CommuneSettings commune) =>
        pdf.Line(commune.Name, pdf.Bold).Line(commune.Address).Line($"{commune.ContactEmail} – {commune.Phone}", gap: 40);
}
