using Marten;
using NodaTime;
using PortailFamille.Api.Infrastructure;
using PortailFamille.Api.Mail;
using PortailFamille.Api.Money;
using PortailFamille.Domain.Requests;

namespace PortailFamille.Api.Requests;

/// <summary>The document an accepted attestation request is answered with, attached to the decision's e-mail.</summary>
public static class RequestAttestations
{
    public static async Task<MailAttachment?> ForAsync(FamilyRequest request, RequestSubject subject, IQuerySession session,
        CommuneSettings commune, Instant now, CancellationToken cancellation)
    {
        var today = now.InZone(commune.Zone).Date;
        switch (request.Type)
        {
            case RequestType.AttestationInscription when subject.Inscription is { } inscription:
                var pdf = await AccountDocuments.InscriptionAttestationAsync(session, subject.Family, inscription, commune, today, cancellation);
                return pdf is null ? null
                    : new MailAttachment($"attestation-inscription-{inscription.ActivityCode}.pdf".ToLowerInvariant(), "application/pdf", pdf);
            case RequestType.AttestationFiscale:
                var year = request.Data.Year!.Value;
                return new MailAttachment($"attestation-fiscale-{year}.pdf", "application/pdf",
                    await AccountDocuments.FiscalPdfAsync(session, subject.Family, year, commune, today, cancellation));
            default:
                return null;
        }
    }
}
