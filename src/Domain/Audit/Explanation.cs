using NodaTime;
using NodaTime.Text;
using PortailFamille.Domain.Common;
using PortailFamille.Domain.Bookings;
using PortailFamille.Domain.Inscriptions;
using PortailFamille.Domain.Money;

namespace PortailFamille.Domain.Audit;

/// <summary>
/// Each fact of an inscription's stream told in French with the evidence it was decided on: when the request came,
/// the cut-off in force, and for capacity decisions the seats taken and the capacity ("35/35 places prises").
/// This is what staff read out when a family disputes a decision.
/// </summary>
public static class Explanation
{
    private static readonly ZonedDateTimePattern Moment = ZonedDateTimePattern.CreateWithInvariantCulture("dd'/'MM'/'uuuu' à 'HH':'mm", null);
    private static readonly LocalDatePattern Day = LocalDatePattern.CreateWithInvariantCulture("dd'/'MM'/'uuuu");

    public static string Of(object fact, DateTimeZone zone)
    {
        string At(Instant instant) => Moment.Format(instant.InZone(zone));
        string Limit(Instant? cutOff) => cutOff is { } c ? $"la limite du {At(c)}" : "la limite";
        string When(Instant received, Instant? cutOff) =>
            cutOff is { } c && received >= c ? $"après {Limit(cutOff)}" : $"avant {Limit(cutOff)}";
        static string Seats(SeatEvidence s) => $"{s.SeatsTaken}/{s.Capacity} places prises";

        return fact switch
        {
            InscriptionOpened e => $"Inscription ouverte au groupe {e.Group}, du {Day.Format(e.From)} au {Day.Format(e.To)}.",
            InscriptionGroupChanged e => $"Changement de groupe : {e.Group}, le {At(e.At)}.",
            Shuttles.ShuttleStopChosen e => $"Arrêt de navette : {e.Stop} (le {At(e.At)}).",
            InscriptionEndChanged e => $"Fin de l'inscription fixée au {Day.Format(e.To)} (le {At(e.At)}) ; les jours suivants sont libérés sans frais.",
            DayBooked e => $"Réservation reçue le {At(e.At)}, {When(e.At, e.CutOff)} : place attribuée ({Seats(e.Seats)}).",
            DayWaitlisted e => $"Réservation reçue le {At(e.At)}, {When(e.At, e.CutOff)} : place refusée, {Seats(e.Seats)} ; " +
                               $"mis en liste d'attente en position {e.Position}.",
            WaitlistPromoted e => $"Place libérée ({CauseText(e.Cause)}) le {At(e.At)} : la demande en liste d'attente devient une réservation " +
                                  $"({Seats(e.Seats)}).",
            BookingRequested e => $"Demande de réservation reçue le {At(e.At)}, {When(e.At, e.CutOff)} : en attente de validation par la mairie.",
            CancellationRequested e => $"Demande d'annulation reçue le {At(e.At)}, {When(e.At, e.CutOff)} : en attente de validation par la mairie ; " +
                                       "la place reste réservée.",
            DayCancelled { Cause: Cause.Closure } e => $"Jour fermé : réservation annulée sans frais le {At(e.At)}.",
            DayCancelled { Cause: Cause.InscriptionEnded } e => $"Fin de l'inscription : réservation annulée sans frais le {At(e.At)}.",
            DayCancelled { Cause: Cause.ServiceCancelled } e => $"Plus de réservation ce jour-là à l'activité que dessert la navette : place " +
                                                                 $"annulée sans frais le {At(e.At)}.",
            DayCancelled { Cause: Cause.Staff } e => $"Annulation acceptée par la mairie le {At(e.At)}, {When(e.At, e.CutOff)} : la journée n'est pas facturée.",
            DayCancelled e => $"Annulation reçue le {At(e.At)}, {When(e.At, e.CutOff)} : acceptée, la journée n'est pas facturée.",
            ChangeRefused { Reason: RefusalReason.Deadline, Action: BookingAction.Cancel } e =>
                $"Annulation reçue le {At(e.At)}, après {Limit(e.CutOff)} : refusée, {ChargedWhat(e.Unit)} reste facturé.",
            ChangeRefused { Reason: RefusalReason.Deadline } e => $"Réservation reçue le {At(e.At)}, après {Limit(e.CutOff)} : refusée.",
            ChangeRefused e => $"{ActionText(e.Action)} du {Day.Format(e.Date)} reçue le {At(e.At)} : refusée ({RefusalText(e.Reason)}).",
            RequestWithdrawn e => $"Demande retirée par la famille le {At(e.At)}.",
            RequestRefused e => $"Demande refusée par la mairie le {At(e.At)}{(string.IsNullOrWhiteSpace(e.Reason) ? "" : $" (motif : {e.Reason})")}.",
            RequestExpired e => $"Demande non traitée avant {Limit(e.CutOff)} : refusée pour délai.",
            WaitlistExpired e => $"Toujours en liste d'attente à {Limit(e.CutOff)} : demande close, jamais facturée.",
            PendingDropped e => $"Demande abandonnée le {At(e.At)} ({CauseText(e.Cause)}).",
            AttendanceMarked e => $"Pointage du {Day.Format(e.Date)} enregistré le {At(e.At)} : {AttendanceText(e.Status)}.",
            MonthCharged e => $"Facture {e.Number} ({e.Month}) : {e.Lines.Sum(l => l.Days)} jour(s) facturé(s), {Common.Euros.Format(e.AmountCents)}.",
            ChargeCredited e => $"Avoir {e.Number} : {Common.Euros.Format(e.AmountCents)} déduits le {At(e.At)}.",
            PaymentAllocated e => $"Paiement ({e.Method}) du {Day.Format(e.PaidOn)} : {Common.Euros.Format(e.AmountCents)} réglés.",
            _ => "",
        };
    }

    private static string ChargedWhat(string unit) => unit == "REPAS" ? "le repas" : $"l'unité {unit}";

    private static string CauseText(Cause cause) => cause switch
    {
        Cause.Parent or Cause.Cancellation => "annulation",
        Cause.Staff => "décision de la mairie",
        Cause.Closure => "jour fermé",
        Cause.InscriptionEnded => "fin de l'inscription",
        Cause.CapacityRaised => "capacité augmentée",
        Cause.Refusal => "refus d'une demande",
        Cause.Withdrawal => "retrait d'une demande",
        Cause.Expiry => "délai dépassé",
        Cause.ServiceCancelled => "plus de réservation à l'activité desservie",
        _ => cause.Wire(),
    };

    private static string ActionText(BookingAction action) => action switch
    {
        BookingAction.Book => "Réservation",
        BookingAction.Cancel => "Annulation",
        _ => "Demande",
    };

    private static string RefusalText(RefusalReason reason) => reason switch
    {
        RefusalReason.UnknownUnit => "unité inconnue",
        RefusalReason.NotInPeriod => "hors de la période d'inscription",
        RefusalReason.Closed => "jour fermé",
        RefusalReason.AlreadyBooked => "déjà réservé",
        RefusalReason.NotBooked => "rien à annuler",
        RefusalReason.NotPending => "aucune demande en attente",
        RefusalReason.NotServed => "pas de réservation ce jour-là à l'activité que dessert la navette",
        _ => reason.Wire(),
    };

    private static string AttendanceText(AttendanceMark status) => status switch
    {
        AttendanceMark.Present => "présent",
        AttendanceMark.Absent => "absent (facturé)",
        _ => "absence justifiée (non facturée)",
    };

    /// <summary>The service day a fact is about, when it is about one.</summary>
    public static IReadOnlyList<LocalDate> DaysOf(object fact) => fact switch
    {
        BookingRequested e => [e.Slot.Date],
        DayBooked e => [e.Slot.Date],
        DayWaitlisted e => [e.Slot.Date],
        WaitlistPromoted e => [e.Slot.Date],
        CancellationRequested e => [e.Slot.Date],
        DayCancelled e => [e.Slot.Date],
        RequestWithdrawn e => [e.Slot.Date],
        RequestRefused e => [e.Slot.Date],
        RequestExpired e => [e.Slot.Date],
        WaitlistExpired e => [e.Slot.Date],
        PendingDropped e => [e.Slot.Date],
        ChangeRefused e => [e.Date],
        AttendanceMarked e => [e.Date],
        MonthCharged e => e.Lines.SelectMany(l => l.Dates).Distinct().ToList(),
        _ => [],
    };

    /// <summary>Facts about the whole inscription, shown with every day's timeline.</summary>
    public static bool IsAboutTheInscription(object fact) =>
        fact is InscriptionOpened or InscriptionGroupChanged or InscriptionEndChanged or Shuttles.ShuttleStopChosen;
}
