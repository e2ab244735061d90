using PortailFamille.Domain.Common;
using PortailFamille.Api.Infrastructure;
using PortailFamille.Api.Mail;
using PortailFamille.Domain.Families;
using PortailFamille.Domain.Requests;

namespace PortailFamille.Api.Requests;

public static class RequestMails
{
    private static readonly Dictionary<RequestType, string> Names = new()
    {
        [RequestType.FamilyChange] = "modification de vos données",
        [RequestType.ChildChange] = "modification des données d'un enfant",
        [RequestType.NewPerson] = "ajout d'une personne",
        [RequestType.NewInscription] = "nouvelle inscription",
        [RequestType.AttestationInscription] = "attestation d'inscription",
        [RequestType.AttestationFiscale] = "attestation fiscale",
    };

    public static OutgoingMail Decided(FamilyRequest request, Family family, bool accepted, string? reason, CommuneSettings commune,
        MailAttachment? attachment = null)
    {
        var what = Names.GetValueOrDefault(request.Type, request.Type.Wire());
        var attestation = !accepted ? ""
            : attachment is not null ? $"\nVous trouverez l'attestation en pièce jointe ({attachment.FileName}).\n"
            : request.Type == RequestType.AttestationFiscale ? "\nL'attestation vous sera adressée par le service des inscriptions.\n" : "";
        return new OutgoingMail(family.Email, $"{commune.Name} – votre demande : {what}",
            $"""
            Bonjour,

            Votre demande « {what} » a été {(accepted ? "acceptée" : "refusée")}.{(string.IsNullOrWhiteSpace(reason) ? "" : $"\nMotif : {reason.Trim()}")}
            {attestation}
            Vous pouvez suivre vos demandes sur le Portail Famille.

            Le service des inscriptions
            """, attachment is null ? null : [attachment]);
    }
}
