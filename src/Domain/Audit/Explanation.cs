using NodaTime;
using NodaTime.Text;
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
            DayCancelled { Cause: Causes.Closure } e => $"Jour fermé : réservation annulée sans frais le {At(e.At)}.",
            DayCancelled { Cause: Causes.InscriptionEnded } e => $"Fin de l'inscription : réservation annulée sans frais le {At(e.At)}.",
            DayCancelled { Cause: Causes.ServiceCancelled } e => $"Plus de réservation ce jour-là à l'activité que dessert la navette : place " +
                                                                 $"annulée sans frais le {At(e.At)}.",
            DayCancelled { Cause: Causes.Staff } e => $"Annulation acceptée par la mairie le {At(e.At)}, {When(e.At, e.CutOff)} : la journée n'est pas facturée.",
            DayCancelled e => $"Annulation reçue le {At(e.At)}, {When(e.At, e.CutOff)} : acceptée, la journée n'est pas facturée.",
            ChangeRefused { Reason: RefusalReasons.Deadline, Action: BookingActions.Cancel } e =>
                $"Annulation reçue le {At(e.At)}, après {Limit(e.CutOff)} : refusée, {ChargedWhat(e.Unit)} reste facturé.",
            ChangeRefused { Reason: RefusalReasons.Deadline } e => $"Réservation reçue le {At(e.At)}, après {Limit(e.CutOff)} : refusée.",
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

    private static string CauseText(string cause) => cause switch
    {
        Causes.Parent or Causes.Cancellation => "annulation",
        Causes.Staff => "décision de la mairie",
        Causes.Closure => "jour fermé",
        Causes.InscriptionEnded => "fin de l'inscription",
        Causes.CapacityRaised => "capacité augmentée",
        Causes.Refusal => "refus d'une demande",
        Causes.Withdrawal => "retrait d'une demande",
        Causes.Expiry => "délai dépassé",
        Causes.ServiceCancelled => "plus de réservation à l'activité desservie",
        _ => cause,
    };

    private static string ActionText(string action) => action switch
    {
        BookingActions.Book => "Réservation",
        BookingActions.Cancel => "Annulation",
        _ => "Demande",
    };

    private static string RefusalText(string reason) => reason switch
    {
        RefusalReasons.UnknownUnit => "unité inconnue",
        RefusalReasons.NotInPeriod => "hors de la période d'inscription",
        RefusalReasons.Closed => "jour fermé",
        RefusalReasons.AlreadyBooked => "déjà réservé",
        RefusalReasons.NotBooked => "rien à annuler",
        RefusalReasons.NotPending => "aucune demande en attente",
        RefusalReasons.NotServed => "pas de réservation ce jour-là à l'activité que dessert la navette",
        _ => reason,
    };

    private static string AttendanceText(string status) => status switch
    {
        CellStates.Present => "présent",
        CellStates.Absent => "absent (facturé)",
        CellStates.AbsentJustified => "absence justifiée (non facturée)",
        _ => status,
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
