using NodaTime;

namespace PortailFamille.Domain.Families;

/// <summary>The RGPD rules on keeping a family's file: erased a number of years after the end of its last inscription (or
/// after its creation, for a file never used), and an erasure that stopped half-way is finished.</summary>
public static class Retention
{
    public const string AlreadyErased = "Les données de cette famille ont déjà été effacées.";

    /// <summary>Whether the family is to be erased today.</summary>
    /// <param name="lastInscriptionEnd">The last day of its last inscription; null when it never had one.</param>
    public static bool IsDue(Family family, LocalDate? lastInscriptionEnd, int yearsKept, LocalDate today, DateTimeZone zone) =>
        family.ErasureUnfinished
        || family.ErasedAt is null && (lastInscriptionEnd ?? family.QuotientHistory[0].RecordedAt.InZone(zone).Date).PlusYears(yearsKept) < today;

    /// <summary>Erasure on request: refused once done (one that stopped half-way is finished by asking again).</summary>
    public static string? RefuseErasure(Family family) => family.ErasureCompletedAt is not null ? AlreadyErased : null;
}
