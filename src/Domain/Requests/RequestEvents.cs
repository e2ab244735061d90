using System.Text.Json.Serialization;
using NodaTime;
using PortailFamille.Domain.Common;

namespace PortailFamille.Domain.Requests;

/// <summary>What a parent's request asks (API.md "Requests").</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RequestType>))]
public enum RequestType
{
    [JsonStringEnumMemberName("family-change")] FamilyChange,
    [JsonStringEnumMemberName("child-change")] ChildChange,
    [JsonStringEnumMemberName("new-person")] NewPerson,
    [JsonStringEnumMemberName("new-inscription")] NewInscription,
    [JsonStringEnumMemberName("attestation-inscription")] AttestationInscription,
    [JsonStringEnumMemberName("attestation-fiscale")] AttestationFiscale,
}

/// <summary>Where a request stands; the dashboard uses the same words for booking requests.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RequestStatus>))]
public enum RequestStatus
{
    [JsonStringEnumMemberName("pending")] Pending,
    [JsonStringEnumMemberName("accepted")] Accepted,
    [JsonStringEnumMemberName("refused")] Refused,
    [JsonStringEnumMemberName("withdrawn")] Withdrawn,
}

/// <summary>What a request asks, by type: only the fields of its type are set.</summary>
public sealed record RequestData(
    IReadOnlyDictionary<string, string>? Changes = null, Guid? ChildId = null, string? FirstName = null, string? LastName = null,
    LocalDate? BirthDate = null, string? Sex = null, string? ActivityCode = null, string? Group = null, Guid? InscriptionId = null, int? Year = null);

/// <summary>A parent's request (demande): one stream per request.</summary>
public sealed record RequestSubmitted(Guid RequestId, Guid FamilyId, RequestType Type, RequestData Data, Actor By, Instant At);

public sealed record RequestWithdrawnByParent(Guid RequestId, Actor By, Instant At);

public sealed record RequestDecided(Guid RequestId, bool Accepted, string? Reason, Actor By, Instant At);

/// <summary>A request as its stream says it is now.</summary>
public sealed record FamilyRequest(Guid Id, Guid FamilyId, RequestType Type, RequestData Data, RequestStatus Status, Instant At, Instant? DecidedAt, string? Reason)
{
    public static FamilyRequest Create(RequestSubmitted e) => new(e.RequestId, e.FamilyId, e.Type, e.Data, RequestStatus.Pending, e.At, null, null);

    public FamilyRequest Apply(RequestWithdrawnByParent e) => this with { Status = RequestStatus.Withdrawn, DecidedAt = e.At };

    public FamilyRequest Apply(RequestDecided e) =>
        this with { Status = e.Accepted ? RequestStatus.Accepted : RequestStatus.Refused, DecidedAt = e.At, Reason = e.Reason };

    public bool IsPending => Status == RequestStatus.Pending;
}
