using System.Buffers;
using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using DialogPlanner.Testing;
using MimeKit;
using Smtp = SmtpServer;

namespace DialogPlanner.Tests.Mail;

/// <summary>
/// A real SMTP server on 127.0.0.1 (the SmtpServer package) that keeps every message it accepts and
/// counts connections. Recipients in <c>rejected</c> are refused at RCPT with 550 5.1.1; a message to a
/// recipient in <see cref="RefusedAtData"/> is refused after DATA with the reply code given there.
/// </summary>
public sealed class TestSmtpServer : IAsyncDisposable
{
    private readonly Smtp.SmtpServer _server;
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _sessions;

    public int Port { get; }
    public ConcurrentQueue<MimeMessage> Received { get; } = new();
    public int Sessions => Volatile.Read(ref _sessions);
    public ConcurrentDictionary<string, int> RefusedAtData { get; } = new(StringComparer.OrdinalIgnoreCase);

    private TestSmtpServer(int port, IReadOnlyCollection<string> rejected)
    {
        Port = port;
        var options = new Smtp.SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, port)))
            .Build();
        var listeners = new NoDelaySmtpListeners(() => _listening.TrySetResult());
        var services = new Smtp.ComponentModel.ServiceProvider();
        services.Add(listeners);
        services.Add(new Store(Received, RefusedAtData));
        services.Add(new Smtp.Storage.DelegatingMailboxFilter((_, to, _) =>
            rejected.Contains(Smtp.Mail.MailboxExtensionMethods.AsAddress(to), StringComparer.OrdinalIgnoreCase)
                ? throw new Smtp.Protocol.SmtpResponseException(new Smtp.Protocol.SmtpResponse((Smtp.Protocol.SmtpReplyCode)550, "5.1.1 User unknown"))
                : true));
        _server = new Smtp.SmtpServer(options, services);
        _server.SessionCreated += (_, _) => Interlocked.Increment(ref _sessions);
    }

    /// <summary>Starts listening on <paramref name="port"/> (or any free port) and returns once connections are accepted.</summary>
    public static async Task<TestSmtpServer> StartAsync(int? port = null, params string[] rejected)
    {
        var server = new TestSmtpServer(port ?? FreePort(), rejected);
        var running = server._server.StartAsync(server._stop.Token);
        await Task.WhenAny(server._listening.Task, running).WaitAsync(TimeSpan.FromSeconds(10));
        if (running.IsFaulted) await running; // e.g. the port is taken
        return server;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (_stop.IsCancellationRequested) return;
        _server.Shutdown();
        await _stop.CancelAsync();
        try
        {
            await _server.ShutdownTask.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception e) when (e is OperationCanceledException or TimeoutException)
        {
        }
    }

    private sealed class Store(ConcurrentQueue<MimeMessage> received, ConcurrentDictionary<string, int> refused) : Smtp.Storage.MessageStore
    {
        public override async Task<Smtp.Protocol.SmtpResponse> SaveAsync(
            Smtp.ISessionContext context, Smtp.IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            foreach (var to in transaction.To)
                if (refused.TryGetValue(Smtp.Mail.MailboxExtensionMethods.AsAddress(to), out var code))
                    return new Smtp.Protocol.SmtpResponse((Smtp.Protocol.SmtpReplyCode)code, code >= 500 ? "5.3.4 Message too big for system" : "4.3.0 Try again later");
            using var stream = new MemoryStream(buffer.ToArray());
            received.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            return Smtp.Protocol.SmtpResponse.Ok;
        }
    }
}
