using Marten;
using PortailFamille.Domain.Activities;
using PortailFamille.Domain.Families;
using PortailFamille.Domain.Inscriptions;
using PortailFamille.Domain.Requests;

namespace PortailFamille.Api.Requests;

/// <summary>Loads what a request names, for <see cref="RequestDecider"/>: by type, the activity and the child's inscriptions to
/// it, or the inscription an attestation is for.</summary>
public static class RequestSubjects
{
    public static async Task<RequestSubject> LoadAsync(IQuerySession session, Family family, RequestType type, RequestData data,
        CancellationToken cancellation)
    {
        switch (type)
        {
            case RequestType.NewInscription when ActivityRules.IsCode(data.ActivityCode):
                var activity = await session.LoadAsync<Activity>(Activity.StreamIdFor(data.ActivityCode!), cancellation);
                return new RequestSubject(family, activity,
                    await Inscriptions.ChildInscriptions.LoadAsync(session, data.ChildId!.Value, data.ActivityCode!, cancellation));
            case RequestType.AttestationInscription:
                return new RequestSubject(family, Inscription: await session.LoadAsync<Inscription>(data.InscriptionId!.Value, cancellation));
            default:
                return new RequestSubject(family);
        }
    }
}
