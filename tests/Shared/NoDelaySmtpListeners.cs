using System.IO.Pipelines;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Smtp = SmtpServer;

namespace DialogPlanner.Testing;

/// <summary>
/// Plain TCP listeners for the SmtpServer package with Nagle's algorithm off. A server answers each command with a
/// small write; with Nagle on, the answer after another waits for the client's delayed ACK (40 ms on Linux, a
/// message). Real mail servers turn it off, so the tests' server and the bench's do too. Shared by both as a linked
/// file: one copy of code that only a test or a bench needs.
/// </summary>
/// <param name="listening">Called once the port listens.</param>
internal sealed class NoDelaySmtpListeners(Action? listening = null) : Smtp.Net.IEndpointListenerFactory
{
    public Smtp.Net.IEndpointListener CreateListener(Smtp.IEndpointDefinition endpoint)
    {
        var listener = new TcpListener(endpoint.Endpoint);
        listener.Start();
        listening?.Invoke();
        return new Listener(listener);
    }

    private sealed class Listener(TcpListener tcp) : Smtp.Net.IEndpointListener
    {
        public async Task<Smtp.IO.ISecurableDuplexPipe> GetPipeAsync(Smtp.ISessionContext context, CancellationToken cancellationToken)
        {
            var client = await tcp.AcceptTcpClientAsync(cancellationToken);
            client.NoDelay = true;
            return new Pipe(client);
        }

        public void Dispose() => tcp.Stop();
    }

    // The package's own pipe type is internal; these servers need no TLS, so this one is plain.
    private sealed class Pipe(TcpClient client) : Smtp.IO.ISecurableDuplexPipe
    {
        private readonly NetworkStream _stream = client.GetStream();

        public PipeReader Input { get; } = PipeReader.Create(client.GetStream());
        public PipeWriter Output { get; } = PipeWriter.Create(client.GetStream());
        public bool IsSecure => false;
        public SslProtocols SslProtocol => SslProtocols.None;

        public Task UpgradeAsync(X509Certificate certificate, SslProtocols protocols, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException("This SMTP server has no TLS.");

        public void Dispose()
        {
            _stream.Dispose();
            client.Dispose();
        }
    }
}
