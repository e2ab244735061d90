using Wolverine.ErrorHandling;
using Wolverine.Runtime.Handlers;

namespace PortailFamille.Api.Mail;

/// <summary>
/// A mail that cannot leave (SMTP down, a temporary refusal, a database error making a link) is tried again with growing
/// delays for about eight hours through Wolverine's durable schedule, then kept as a dead letter that <c>/health</c>
/// counts: never dropped in silence. A permanent refusal (SMTP 5xx: no such mailbox) would be refused again, so it
/// goes to the dead letters at once, where staff see it.
/// </summary>
public static class MailRetries
{
    public static readonly TimeSpan[] Delays =
    [
        TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10),
        TimeSpan.FromMinutes(30), TimeSpan.FromHours(1), TimeSpan.FromHours(2), TimeSpan.FromHours(4),
    ];

    public static void Apply(HandlerChain chain)
    {
        chain.OnException<MailKit.Net.Smtp.SmtpCommandException>(e => (int)e.StatusCode >= 500).MoveToErrorQueue();
        chain.OnAnyException().ScheduleRetry(Delays).Then.MoveToErrorQueue();
    }
}
