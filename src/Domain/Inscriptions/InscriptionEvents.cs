using NodaTime;
using PortailFamille.Domain.Common;

namespace PortailFamille.Domain.Inscriptions;

public sealed record InscriptionOpened(
    Guid InscriptionId, Guid FamilyId, Guid ChildId, string ActivityCode, string Group,
    LocalDate From, LocalDate To, Actor By, Instant At);

public sealed record InscriptionGroupChanged(Guid InscriptionId, string Group, Actor By, Instant At);

/// <summary>The inscription's last day moved (an early end is a désinscription).</summary>
public sealed record InscriptionEndChanged(Guid InscriptionId, LocalDate To, Actor By, Instant At);
