using Microsoft.AspNetCore.Authorization;
using PortailFamille.Api.Infrastructure;
using Wolverine.Http;

namespace PortailFamille.Api.Portal;

public sealed record CommuneContact(string Name, string Service, string Address, string Email, string Phone);

public sealed record CommuneInfo(CommuneContact Contact, string LegalNotice, string RegieName, bool PaymentAllowed, bool PartialPaymentAllowed,
    IReadOnlyList<string> Diets);

public static class CommuneEndpoint
{
    /// <summary>What every page shows before and after login: the contact block, the legal notice, the régie's rules.</summary>
    [WolverineGet("/api/commune"), Tags("Portail")]
    [AllowAnonymous]
    [EndpointSummary("La commune : contact, mentions légales, régie")]
    [EndpointDescription("Les informations que le portail affiche sur chaque page, connecté ou non : le bloc « Contactez-nous » " +
                         "(mairie, service, adresse, courriel, téléphone), les mentions légales, et les règles de la régie " +
                         "(paiement en ligne autorisé, paiement partiel autorisé), et les régimes alimentaires que sert la cantine. Aucune donnée personnelle.")]
    [ProducesResponseType<CommuneInfo>(200)]
    public static CommuneInfo Get(CommuneSettings commune) => new(
        new CommuneContact(commune.Name, commune.Service, commune.Address, commune.ContactEmail, commune.Phone),
        commune.LegalNotice, commune.Regie.Name, commune.Regie.PaymentAllowed, commune.Regie.PartialPaymentAllowed, commune.DietList);
}
