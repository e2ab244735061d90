using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace PortailFamille.Api.Tests.Support;

/// <summary>A real SMTP server on loopback (the SmtpServer package) that keeps what it receives.</summary>
public sealed class SmtpSink : MessageStore, IAsyncDisposable
{
    private CancellationTokenSource _stop = new();
    private Task _running = Task.CompletedTask;
    public ConcurrentQueue<MimeMessage> Received { get; } = new();
    public int Port { get; }

    public SmtpSink()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        Start();
    }

    /// <summary>Listens on <see cref="Port"/> (again, after <see cref="StopAsync"/>).</summary>
    public void Start()
    {
        _stop = new CancellationTokenSource();
        var options = new SmtpServerOptionsBuilder().ServerName("localhost")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, Port))).Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(this);
        services.Add(new RefusedMailboxes());
        _running = new SmtpServer.SmtpServer(options, services).StartAsync(_stop.Token);
    }

    /// <summary>An SMTP outage: connections are refused until <see cref="Start"/>.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        try { await _running; } catch (OperationCanceledException) { }
    }

    public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction,
        ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
    {
        using var stream = new MemoryStream(buffer.ToArray());
        Received.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
        return SmtpResponse.Ok;
    }

    public void Clear() => Received.Clear();

    /// <summary>An address the server refuses for good (550), as a mistyped domain's mail server would.</summary>
    public const string RefusedAddress = "boite-inexistante@famille.test";

    private sealed class RefusedMailboxes : MailboxFilter
    {
        public override Task<bool> CanDeliverToAsync(ISessionContext context, SmtpServer.Mail.IMailbox to, SmtpServer.Mail.IMailbox from, CancellationToken cancellationToken) =>
            Task.FromResult(!$"{to.User}@{to.Host}".Equals(RefusedAddress, StringComparison.OrdinalIgnoreCase));
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}
