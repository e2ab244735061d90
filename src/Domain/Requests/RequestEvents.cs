using NodaTime;
using PortailFamille.Domain.Common;

namespace PortailFamille.Domain.Requests;

public static class RequestTypes
{
    public const string FamilyChange = "family-change";
    public const string ChildChange = "child-change";
    public const string NewPerson = "new-person";
    public const string NewInscription = "new-inscription";
    public const string AttestationInscription = "attestation-inscription";
    public const string AttestationFiscale = "attestation-fiscale";
    public static readonly string[] All = [FamilyChange, ChildChange, NewPerson, NewInscription, AttestationInscription, AttestationFiscale];
}

public static class RequestStatus
{
    public const string Pending = "pending";
    public const string Accepted = "accepted";
    public const string Refused = "refused";
    public const string Withdrawn = "withdrawn";
}

/// <summary>What a request asks, by type: only the fields of its type are set.</summary>
public sealed record RequestData(
    IReadOnlyDictionary<string, string>? Changes = null, Guid? ChildId = null, string? FirstName = null, string? LastName = null,
    LocalDate? BirthDate = null, string? Sex = null, string? ActivityCode = null, string? Group = null, Guid? InscriptionId = null, int? Year = null);

/// <summary>A parent's request (demande): one stream per request.</summary>
public sealed record RequestSubmitted(Guid RequestId, Guid FamilyId, string Type, RequestData Data, Actor By, Instant At);

public sealed record RequestWithdrawnByParent(Guid RequestId, Actor By, Instant At);

public sealed record RequestDecided(Guid RequestId, bool Accepted, string? Reason, Actor By, Instant At);

/// <summary>A request as its stream says it is now.</summary>
public sealed record FamilyRequest(Guid Id, Guid FamilyId, string Type, RequestData Data, string Status, Instant At, Instant? DecidedAt, string? Reason)
{
    public static FamilyRequest Create(RequestSubmitted e) => new(e.RequestId, e.FamilyId, e.Type, e.Data, RequestStatus.Pending, e.At, null, null);

    public FamilyRequest Apply(RequestWithdrawnByParent e) => this with { Status = RequestStatus.Withdrawn, DecidedAt = e.At };

    public FamilyRequest Apply(RequestDecided e) =>
        this with { Status = e.Accepted ? RequestStatus.Accepted : RequestStatus.Refused, DecidedAt = e.At, Reason = e.Reason };

    public bool IsPending => Status == RequestStatus.Pending;
}
