using NodaTime;
using PortailFamille.Domain.Common;

namespace PortailFamille.Domain.Families;

public sealed record Address(string Line1, string PostalCode, string City, string? Line2 = null);

public sealed record Phones(string? Home = null, string? Mobile1 = null, string? Mobile2 = null, string? Work1 = null, string? Work2 = null);

public sealed record Allocataire(string? Name = null, string? Regime = null, string? Number = null);

public sealed record FamilyFileCreated(
    Guid FamilyId, string Civility, string FirstName, string LastName, Address Address, string Email,
    Phones Phones, Allocataire Allocataire, int QuotientFamilial, LocalDate QuotientFamilialDate,
    int DependentChildren, Actor By, Instant At);

public sealed record FamilyEmailChanged(Guid FamilyId, string Email, Actor By, Instant At);

public sealed record FamilyPhonesChanged(Guid FamilyId, Phones Phones, Actor By, Instant At);

/// <summary>The QF applies to service days from <c>EffectiveFrom</c>.</summary>
public sealed record QuotientFamilialChanged(Guid FamilyId, int QuotientFamilial, LocalDate EffectiveFrom, Actor By, Instant At);

/// <summary>A child added to the file; <c>RequestId</c> when it applies a parent's request.</summary>
public sealed record ChildAdded(Guid FamilyId, Guid ChildId, string FirstName, string LastName, LocalDate BirthDate, string Sex, Actor By, Instant At, Guid? RequestId = null);

/// <summary>Family data changed by staff (or by accepting a parent's request): field → new value.</summary>
public sealed record FamilyDataChanged(Guid FamilyId, IReadOnlyDictionary<string, string> Changes, Actor By, Instant At, Guid? RequestId = null);

/// <summary>A child's data changed: field → new value.</summary>
public sealed record ChildDataChanged(Guid FamilyId, Guid ChildId, IReadOnlyDictionary<string, string> Changes, Actor By, Instant At, Guid? RequestId = null);

/// <summary>The family's personal data were erased (request or retention period over): its events are masked.</summary>
public sealed record FamilyErased(Guid FamilyId, string Reason, Actor By, Instant At);

/// <summary>Every step of an erasure is done (events masked, read models rebuilt); until then a retry or the sweep finishes it.</summary>
public sealed record FamilyErasureCompleted(Guid FamilyId, Instant At);

/// <summary>Staff set a child's diet (from the commune's list) and PAI (projet d'accueil individualisé): health data, RGPD article 9.</summary>
public sealed record ChildDietSet(Guid FamilyId, Guid ChildId, string Diet, string? Pai, Actor By, Instant At, Guid? RequestId = null);
