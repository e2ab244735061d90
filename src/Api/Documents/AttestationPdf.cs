using System.Globalization;
using NodaTime;
using NodaTime.Text;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using PortailFamille.Api.Infrastructure;

namespace PortailFamille.Api.Documents;

/// <summary>The attestation d'inscription: this child is enrolled in this activity for this period.</summary>
public static class AttestationPdf
{
    private static readonly LocalDatePattern French = LocalDatePattern.Create("d MMMM uuuu", CultureInfo.GetCultureInfo("fr-FR"));

    public sealed record Content(string Parent, string Child, LocalDate BirthDate, string Activity, string Equipment, string Group,
        LocalDate From, LocalDate To, LocalDate IssuedOn);

    public static byte[] Inscription(CommuneSettings commune, Content c)
    {
        EmbeddedFonts.Register();
        using var document = new PdfDocument();
        document.Info.Title = $"Attestation d'inscription – {c.Child}";
        var page = document.AddPage();
        using (var gfx = XGraphics.FromPdfPage(page))
        {
            var title = new XFont(EmbeddedFonts.Family, 16, XFontStyleEx.Bold);
            var text = new XFont(EmbeddedFonts.Family, 11, XFontStyleEx.Regular);
            double y = 60;
            void Line(string value, XFont font, double gap = 18)
            {
                gfx.DrawString(value, font, XBrushes.Black, new XPoint(60, y));
                y += gap;
            }
            Line(commune.Name, text);
            Line(commune.Address, text);
            Line($"{commune.ContactEmail} – {commune.Phone}", text, 50);
            Line("ATTESTATION D'INSCRIPTION", title, 40);
            Line($"Le service des inscriptions de la {commune.Name} atteste que l'enfant", text);
            Line($"{c.Child}, né(e) le {French.Format(c.BirthDate)},", text);
            Line($"est inscrit(e) à l'activité « {c.Activity} » ({c.Equipment}), groupe {c.Group},", text);
            Line($"du {French.Format(c.From)} au {French.Format(c.To)}.", text, 30);
            Line($"Responsable : {c.Parent}.", text, 40);
            Line($"Fait le {French.Format(c.IssuedOn)}, pour servir et valoir ce que de droit.", text);
        }
        using var output = new MemoryStream();
        document.Save(output);
        return output.ToArray();
    }
}
