using NodaTime;
using PortailFamille.Domain.Activities;
using PortailFamille.Domain.Common;

namespace PortailFamille.Domain.Inscriptions;

/// <summary>When an inscription may run: inside its activity's period, and never overlapping another inscription of the
/// same child to the same activity.</summary>
public static class InscriptionPeriods
{
    public const string OverlapConflict = "Cet enfant est déjà inscrit à cette activité sur une période qui chevauche celle-ci.";

    public static Errors Check(Errors errors, Activity activity, LocalDate from, LocalDate to) => errors
        .Require(from <= to, "to", "La date de fin doit être postérieure ou égale à la date de début.")
        .Require(from >= activity.From && to <= activity.To, "from",
            $"La période doit être comprise dans celle de l'activité ({activity.From:dd/MM/yyyy} – {activity.To:dd/MM/yyyy}).");

    /// <summary>The child's other inscription to the activity that overlaps the period, if any.</summary>
    /// <param name="childInscriptions">The child's inscriptions to the activity.</param>
    /// <param name="except">The inscription being changed, which cannot overlap itself.</param>
    public static Inscription? Overlapping(IEnumerable<Inscription> childInscriptions, LocalDate from, LocalDate to, Guid? except = null) =>
        childInscriptions.FirstOrDefault(i => i.Id != except && i.Overlaps(from, to));
}
