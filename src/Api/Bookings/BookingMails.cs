using System.Globalization;
using NodaTime;
using NodaTime.Text;
using PortailFamille.Api.Mail;

namespace PortailFamille.Api.Bookings;

/// <summary>The French e-mails about bookings: one per family and event, listing every day concerned.</summary>
public static class BookingMails
{
    private static readonly LocalDatePattern FrenchDay =
        LocalDatePattern.Create("dddd d MMMM uuuu", CultureInfo.GetCultureInfo("fr-FR"));

    public static string Day(LocalDate date) => FrenchDay.Format(date);

    public static string Line(LocalDate date, string unit, string? detail = null) =>
        $"{Day(date)} ({unit}){(detail is null ? "" : " : " + detail)}";

    public static OutgoingMail For(string kind, string to, string commune, IReadOnlyList<(string Title, IReadOnlyList<string> Lines)> sections)
    {
        var (subject, intro) = kind switch
        {
            NoticeKinds.Waitlisted => ("Mise en liste d'attente",
                "Il n'y a plus de place pour les jours suivants. Votre demande est en liste d'attente : si une place se libère avant la date limite, elle vous sera attribuée automatiquement et vous en serez informé(e)."),
            NoticeKinds.Received => ("Demande reçue",
                "Votre demande a bien été reçue. Elle sera examinée par le service des inscriptions, qui vous informera de sa décision."),
            NoticeKinds.Promoted => ("Place attribuée",
                "Une place s'est libérée : les jours suivants, sur lesquels vous étiez en liste d'attente, sont maintenant réservés. Vous pouvez les annuler sans frais jusqu'à la date limite."),
            NoticeKinds.Decided => ("Décision sur votre demande",
                "Le service des inscriptions a examiné votre demande :"),
            NoticeKinds.Closed => ("Fermeture du service",
                "Le service sera fermé les jours suivants. Les réservations concernées sont annulées sans frais et les demandes en attente sont retirées."),
            NoticeKinds.ShuttleCancelled => ("Navette annulée",
                "Votre enfant n'a plus de réservation à l'activité que dessert la navette les jours suivants : sa place dans la navette est annulée sans frais."),
            NoticeKinds.Ended => ("Fin d'inscription",
                "L'inscription se termine plus tôt que prévu. Les réservations des jours suivants sont annulées sans frais."),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
        var body = string.Join("\n\n", sections.Select(s => s.Title + "\n" + string.Join("\n", s.Lines.Select(l => "  - " + l))));
        return new OutgoingMail(to, $"{commune} – {subject}",
            $"""
            Bonjour,

            {intro}

            {body}

            Vous pouvez suivre vos réservations sur le Portail Famille.

            Le service des inscriptions
            """);
    }
}
