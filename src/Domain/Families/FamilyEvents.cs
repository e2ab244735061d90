using NodaTime;
using PortailFamille.Domain.Common;

namespace PortailFamille.Domain.Families;

public sealed record Address(string Line1, string? Line2, string PostalCode, string City);

public sealed record Phones(string? Home, string? Mobile1, string? Mobile2, string? Work1, string? Work2);

public sealed record Allocataire(string? Name, string? Regime, string? Number);

public sealed record FamilyFileCreated(
    Guid FamilyId, string Civility, string FirstName, string LastName, Address Address, string Email,
    Phones Phones, Allocataire Allocataire, int QuotientFamilial, LocalDate QuotientFamilialDate,
    int DependentChildren, Actor By, Instant At);

public sealed record FamilyEmailChanged(Guid FamilyId, string Email, Actor By, Instant At);

public sealed record FamilyPhonesChanged(Guid FamilyId, Phones Phones, Actor By, Instant At);

/// <summary>The QF applies to service days from <c>EffectiveFrom</c>.</summary>
public sealed record QuotientFamilialChanged(Guid FamilyId, int QuotientFamilial, LocalDate EffectiveFrom, Actor By, Instant At);

public sealed record ChildAdded(Guid FamilyId, Guid ChildId, string FirstName, string LastName, LocalDate BirthDate, string Sex, Actor By, Instant At);
