using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using PortailFamille.Api.Infrastructure;

namespace PortailFamille.Api.Mail;

/// <summary>An e-mail to send. Published through Wolverine's durable outbox, so it leaves
/// if and only if the transaction that caused it commits.</summary>
public sealed record OutgoingMail(string To, string Subject, string Body, IReadOnlyList<MailAttachment>? Attachments = null);

public sealed record MailAttachment(string FileName, string ContentType, byte[] Content);

public static class OutgoingMailHandler
{
    public static void Configure(Wolverine.Runtime.Handlers.HandlerChain chain) => MailRetries.Apply(chain);

    public static Task Handle(OutgoingMail mail, Wolverine.Envelope envelope, CommuneDirectory communes, MailSettings settings,
        CancellationToken cancellation) => SendAsync(mail, settings, communes.OfMessage(envelope).Commune, cancellation);

    /// <summary>Sent in the commune's name, from its own address when it has one (<c>Commune__MailFrom</c>), else the deployment's.</summary>
    public static async Task SendAsync(OutgoingMail mail, MailSettings settings, CommuneSettings commune, CancellationToken cancellation)
    {
        if (string.IsNullOrWhiteSpace(settings.PickupDirectory) && string.IsNullOrWhiteSpace(settings.Smtp.Host)) return;
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(commune.Name, string.IsNullOrWhiteSpace(commune.MailFrom) ? settings.Smtp.From : commune.MailFrom));
        message.To.Add(MailboxAddress.Parse(mail.To));
        message.Subject = mail.Subject;
        var body = new BodyBuilder { TextBody = mail.Body };
        foreach (var attachment in mail.Attachments ?? []) body.Attachments.Add(attachment.FileName, attachment.Content, ContentType.Parse(attachment.ContentType));
        message.Body = body.ToMessageBody();

        if (!string.IsNullOrWhiteSpace(settings.PickupDirectory))
        {
            Directory.CreateDirectory(settings.PickupDirectory);
            var path = Path.Combine(settings.PickupDirectory, $"{DateTime.UtcNow:yyyyMMddHHmmssfff}-{Guid.NewGuid():N}.eml");
            await message.WriteToAsync(path, cancellation);
        }

        if (!string.IsNullOrWhiteSpace(settings.Smtp.Host))
        {
            using var client = new SmtpClient();
            await client.ConnectAsync(settings.Smtp.Host, settings.Smtp.Port, SecureSocketOptions.Auto, cancellation);
            if (!string.IsNullOrEmpty(settings.Smtp.User))
                await client.AuthenticateAsync(settings.Smtp.User, settings.Smtp.Password ?? "", cancellation);
            await client.SendAsync(message, cancellation);
            await client.DisconnectAsync(true, cancellation);
        }
    }
}
