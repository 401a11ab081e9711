using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using DialogPlanner.Testing;
using Smtp = SmtpServer;

namespace DialogPlanner.Bench;

/// <summary>
/// A local SMTP server (the SmtpServer package) that accepts everything and only counts, so that both
/// senders are measured against the same, cheap receiver.
/// </summary>
public sealed class CountingSmtpServer : IAsyncDisposable
{
    private readonly Smtp.SmtpServer _server;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;
    private int _received;
    private int _target = int.MaxValue;
    private TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Port { get; }
    public int Received => Volatile.Read(ref _received);
    public int Sessions;

    public CountingSmtpServer()
    {
        Port = FreePort();
        var options = new Smtp.SmtpServerOptionsBuilder().ServerName("localhost")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, Port))).Build();
        var services = new Smtp.ComponentModel.ServiceProvider();
        services.Add(new Store(this));
        services.Add(new NoDelaySmtpListeners());
        _server = new Smtp.SmtpServer(options, services);
        _server.SessionCreated += (_, _) => Interlocked.Increment(ref Sessions);
        _running = _server.StartAsync(_stop.Token);
    }

    /// <summary>Completes when <paramref name="count"/> messages have arrived since the call.</summary>
    public Task WaitForAsync(int count)
    {
        _reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _target, Received + count);
        if (Received >= _target) _reached.TrySetResult();
        return _reached.Task;
    }

    private void Arrived()
    {
        if (Interlocked.Increment(ref _received) >= Volatile.Read(ref _target)) _reached.TrySetResult();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        _server.Shutdown();
        await _stop.CancelAsync();
        try
        {
            await _running.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception e) when (e is OperationCanceledException or TimeoutException)
        {
        }
    }

    private sealed class Store(CountingSmtpServer owner) : Smtp.Storage.MessageStore
    {
        public override Task<Smtp.Protocol.SmtpResponse> SaveAsync(
            Smtp.ISessionContext context, Smtp.IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            owner.Arrived();
            return Task.FromResult(Smtp.Protocol.SmtpResponse.Ok);
        }
    }
}
