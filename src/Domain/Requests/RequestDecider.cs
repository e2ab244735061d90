using NodaTime;
using PortailFamille.Domain.Activities;
using PortailFamille.Domain.Common;
using PortailFamille.Domain.Families;
using PortailFamille.Domain.Inscriptions;

namespace PortailFamille.Domain.Requests;

/// <summary>What a request names, as the mairie finds it: the family, and by type the activity asked for, the child's
/// inscriptions to it (for overlaps) or the inscription an attestation is for.</summary>
public sealed record RequestSubject(
    Family Family, Activity? Activity = null, IReadOnlyList<Inscription>? ChildInscriptions = null, Inscription? Inscription = null);

/// <summary>What deciding a request records: the decision on the request's stream, what acceptance changes in the
/// family's file, a new inscription's first event; or, when it can no longer apply, why (and nothing is recorded).</summary>
public sealed record RequestDecision(
    string? Conflict, RequestDecided? Decided = null, IReadOnlyList<object>? FamilyEvents = null, InscriptionOpened? NewInscription = null)
{
    public static RequestDecision Refused(string conflict) => new(conflict);
}

/// <summary>The rules of a parent's request (demande): what it may ask, who may withdraw it, what accepting it changes.</summary>
public static class RequestDecider
{
    public const string Accept = StaffDecision.Accept;
    public const string Refuse = StaffDecision.Refuse;
    public const string AlreadyDecided = "Cette demande a déjà été traitée ou retirée.";

    /// <summary>The checks a new request passes: what it names must be the family's, the new values valid.</summary>
    public static Errors Check(RequestType type, RequestData data, RequestSubject subject, LocalDate today, IReadOnlyCollection<string> diets)
    {
        var errors = new Errors();
        var family = subject.Family;
        switch (type)
        {
            case RequestType.FamilyChange:
                RequestRules.CheckFamilyChanges(errors, data.Changes);
                break;
            case RequestType.ChildChange:
                errors.Require(family.ChildById(data.ChildId!.Value) is not null, "childId", "Cet enfant ne fait pas partie de votre famille.");
                RequestRules.CheckChildChanges(errors, data.Changes, today, diets);
                break;
            case RequestType.NewPerson:
                errors.Require(FamilyRules.Sexes.Contains(data.Sex), "sex", "Le sexe doit être « M » ou « F ».");
                if (data.BirthDate is { } born) FamilyRules.CheckBirthDate(errors, "birthDate", born, today);
                else errors.Add("birthDate", FamilyRules.BirthDateRule);
                break;
            case RequestType.NewInscription:
                errors.Require(family.ChildById(data.ChildId!.Value) is not null, "childId", "Cet enfant ne fait pas partie de votre famille.")
                    .Require(subject.Activity is not null, "activityCode", $"Aucune activité de code {data.ActivityCode}.")
                    .Require(subject.Activity is null || subject.Activity.HasGroup(data.Group!), "group", $"Le groupe {data.Group} n'existe pas pour cette activité.");
                break;
            case RequestType.AttestationInscription:
                errors.Require(subject.Inscription?.FamilyId == family.Id, "inscriptionId", "Cette inscription n'est pas celle d'un de vos enfants.");
                break;
            case RequestType.AttestationFiscale:
                errors.Require(data.Year <= today.Year, "year", "L'année ne peut pas être dans le futur.");
                break;
        }
        return errors;
    }

    public static RequestSubmitted Submit(Guid requestId, RequestType type, RequestData data, Family family, Actor by, Instant at) =>
        new(requestId, family.Id, type, data, by, at);

    /// <summary>The parent takes back a request the mairie has not decided yet; a decided one stays as it is.</summary>
    public static IReadOnlyList<object> Withdraw(FamilyRequest request, Actor by, Instant at) =>
        request.IsPending ? [new RequestWithdrawnByParent(request.Id, by, at)] : [];

    /// <summary>The decision's own checks: accept or refuse, and a short reason.</summary>
    public static Errors CheckDecision(string? decision, string? reason) => StaffDecision.Check(decision, reason);

    /// <summary>Staff decide a pending request. Accepting applies it: what each type changes is recorded with the request's id;
    /// a request that can no longer apply (the child left the family, the activity is gone, the child is already inscribed) is
    /// refused as a conflict. <paramref name="newId"/> names what acceptance creates (the new child or inscription).</summary>
    public static RequestDecision Decide(FamilyRequest request, bool accepted, string? reason, RequestSubject subject, Guid newId, Actor by, Instant at)
    {
        if (!request.IsPending) return RequestDecision.Refused(AlreadyDecided);
        var decided = new RequestDecided(request.Id, accepted, reason?.Trim(), by, at);
        if (!accepted) return new RequestDecision(null, decided, []);

        var family = subject.Family;
        var data = request.Data;
        switch (request.Type)
        {
            case RequestType.FamilyChange:
                return new RequestDecision(null, decided, [new FamilyDataChanged(family.Id, data.Changes!, by, at, request.Id)]);
            case RequestType.ChildChange:
                if (family.ChildById(data.ChildId!.Value) is null) return RequestDecision.Refused("Cet enfant ne fait plus partie de la famille.");
                return new RequestDecision(null, decided, RequestRules.AcceptChildChange(family, data.ChildId.Value, data.Changes!, by, at, request.Id));
            case RequestType.NewPerson:
                return new RequestDecision(null, decided,
                    [new ChildAdded(family.Id, newId, data.FirstName!, data.LastName!, data.BirthDate!.Value, data.Sex!, by, at, request.Id)]);
            case RequestType.NewInscription:
                if (subject.Activity is not { } activity) return RequestDecision.Refused("Cette activité n'existe plus.");
                if (InscriptionPeriods.Overlapping(subject.ChildInscriptions ?? [], activity.From, activity.To) is not null)
                    return RequestDecision.Refused("Cet enfant est déjà inscrit à cette activité : la demande ne peut pas être acceptée.");
                return new RequestDecision(null, decided, [],
                    new InscriptionOpened(newId, family.Id, data.ChildId!.Value, activity.Code, data.Group!, activity.From, activity.To, by, at));
            default:
                // Attestations change nothing: the document is the answer.
                return new RequestDecision(null, decided, []);
        }
    }
}
