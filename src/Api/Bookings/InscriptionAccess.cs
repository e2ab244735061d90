using Marten;
using PortailFamille.Api.Infrastructure;
using PortailFamille.Domain.Accounts;
using PortailFamille.Domain.Inscriptions;

namespace PortailFamille.Api.Bookings;

/// <summary>A parent reaches their own family's inscriptions only (anything else is 404); staff reach all.</summary>
public static class InscriptionAccess
{
    public static async Task<Inscription?> LoadAsync(IQuerySession session, Guid id, CurrentUser user, CancellationToken cancellation)
    {
        var inscription = await session.LoadAsync<Inscription>(id, cancellation);
        if (inscription is null) return null;
        return user.Role == Roles.Staff || inscription.FamilyId == user.FamilyId ? inscription : null;
    }

    public const string NotFound = "Aucune inscription avec cet identifiant.";

    public static Microsoft.AspNetCore.Mvc.ProblemDetails Missing => Problems.NotFoundDetails(NotFound);
}
