using NodaTime;
using NodaTime.Text;

namespace PortailFamille.Api.Mail;

/// <summary>The French texts of the e-mails the portal sends.</summary>
public static class MailTexts
{
    private static readonly ZonedDateTimePattern FrenchInstant =
        ZonedDateTimePattern.CreateWithInvariantCulture("dd'/'MM'/'uuuu' à 'HH':'mm", null);

    public static string At(Instant instant, DateTimeZone zone) => FrenchInstant.Format(instant.InZone(zone));

    public static OutgoingMail Activation(string to, string commune, string link, Instant expiresAt, DateTimeZone zone) => new(to,
        $"{commune} – Activez votre compte du Portail Famille",
        $"""
        Bonjour,

        Votre compte du Portail Famille de la {commune} a été créé.
        Pour l'activer et choisir votre mot de passe, ouvrez ce lien :

        {link}

        Ce lien est valable jusqu'au {At(expiresAt, zone)} et ne sert qu'une fois.
        Si vous n'êtes pas à l'origine de cette démarche, ignorez ce message.

        Le service des inscriptions
        """);

    public static OutgoingMail PasswordReset(string to, string commune, string link, Instant expiresAt, DateTimeZone zone) => new(to,
        $"{commune} – Réinitialisation de votre mot de passe",
        $"""
        Bonjour,

        Vous avez demandé à changer le mot de passe de votre compte du Portail Famille.
        Pour choisir un nouveau mot de passe, ouvrez ce lien :

        {link}

        Ce lien est valable jusqu'au {At(expiresAt, zone)} et ne sert qu'une fois.
        Si vous n'avez rien demandé, ignorez ce message : votre mot de passe reste inchangé.

        Le service des inscriptions
        """);

    /// <summary>To the address that was replaced: no name, no new address, nothing of the family's.</summary>
    public static OutgoingMail EmailChangedNotice(string to, string commune) => new(to,
        $"{commune} – Adresse e-mail modifiée",
        $"""
        Bonjour,

        L'adresse e-mail d'un compte du Portail Famille de la {commune} a été remplacée par le service des
        inscriptions : ce message est envoyé à l'ancienne adresse. Les liens déjà reçus à cette adresse ne
        fonctionnent plus.

        Si vous n'êtes pas à l'origine de ce changement, contactez la mairie.

        Le service des inscriptions
        """);
}
