using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using Microsoft.Extensions.Options;
using MimeKit;

namespace DialogPlanner.Web.Mail;

/// <summary>
/// Sends through one SMTP connection that stays open and authenticated across messages, is opened again
/// when the server dropped it, and is closed when idle or at shutdown (rule 17 of docs/icalendar-rules.md).
/// </summary>
public sealed class SmtpMailTransport(IOptions<MailSettings> options, TimeProvider time, ILogger<SmtpMailTransport> log)
    : IMailTransport
{
    // Long enough to carry a burst of invitations over one connection, short enough not to hold one for nothing.
    private static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(30);

    private readonly SmtpSettings _smtp = options.Value.Smtp;
    private SmtpClient? _client;
    private DateTimeOffset _lastUsed;

    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        var reused = _client is { IsConnected: true };
        try
        {
            await SendOnceAsync(message, cancellationToken);
        }
        catch (Exception e) when (IsConnectionLost(e, cancellationToken))
        {
            Drop();
            if (!reused) throw Unavailable(e);
            // A server closes idle connections without notice; MailKit learns of it only at the next command.
            log.LogInformation("The SMTP connection to {Host} was closed ({Reason}); connecting again.", _smtp.Host, e.Message);
            try
            {
                await SendOnceAsync(message, cancellationToken);
            }
            catch (Exception again) when (IsConnectionLost(again, cancellationToken))
            {
                Drop();
                throw Unavailable(again);
            }
        }
    }

    public async Task ReleaseIfIdleAsync(CancellationToken cancellationToken)
    {
        if (_client is null || time.GetUtcNow() - _lastUsed < IdleTimeout) return;
        await DisconnectAsync();
    }

    public async ValueTask DisposeAsync() => await DisconnectAsync();

    private async Task SendOnceAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        var client = await ConnectedClientAsync(cancellationToken);
        try
        {
            await client.SendAsync(message, cancellationToken);
        }
        catch (SmtpCommandException e) when (e.StatusCode != SmtpStatusCode.ServiceNotAvailable)
        {
            // A 5xx for the recipient or for this message's content will be the same next time; a 5xx for the
            // sender is the server's setup, which an administrator can fix, so it is tried again.
            var permanent = e.ErrorCode is SmtpErrorCode.RecipientNotAccepted or SmtpErrorCode.MessageNotAccepted && (int)e.StatusCode >= 500;
            throw new MailRejectedException(Reason(e), permanent, e);
        }
        finally
        {
            _lastUsed = time.GetUtcNow();
        }
    }

    private async Task<SmtpClient> ConnectedClientAsync(CancellationToken cancellationToken)
    {
        if (_client is { IsConnected: true }) return _client;
        Drop();
        var client = new SmtpClient();
        try
        {
            await client.ConnectAsync(await ConnectSocketAsync(cancellationToken), _smtp.Host, _smtp.Port, _smtp.SocketOptions, cancellationToken);
            if (!string.IsNullOrEmpty(_smtp.User)) await client.AuthenticateAsync(_smtp.User, _smtp.Password, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            client.Dispose();
            throw Unavailable(e);
        }
        log.LogDebug("Connected to SMTP server {Host}:{Port}.", _smtp.Host, _smtp.Port);
        _client = client;
        return client;
    }

    /// <summary>
    /// A socket with Nagle's algorithm off, which MailKit leaves on. The end of each message (".") is a small
    /// write after a large one; with Nagle it waits for the server's delayed ACK, 40 ms or more per message,
    /// which was most of the time of a burst of invitations (docs/benchmarks.md).
    /// </summary>
    private async Task<Socket> ConnectSocketAsync(CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(ConnectTimeout);
            await socket.ConnectAsync(_smtp.Host, _smtp.Port, timeout.Token);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static bool IsConnectionLost(Exception e, CancellationToken cancellationToken) => e switch
    {
        IOException or SocketException or SmtpProtocolException or ServiceNotConnectedException or TimeoutException => true,
        SmtpCommandException { StatusCode: SmtpStatusCode.ServiceNotAvailable } => true,
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        _ => false,
    };

    private MailTransportUnavailableException Unavailable(Exception e) =>
        new($"{_smtp.Host}:{_smtp.Port}: {(e is SmtpCommandException c ? Reason(c) : e.Message)}", e);

    private static string Reason(SmtpCommandException e) =>
        $"{(int)e.StatusCode} {e.Message}" + (e.Mailbox is null ? "" : $" ({e.Mailbox.Address})");

    private async Task DisconnectAsync()
    {
        if (_client is { IsConnected: true } client)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await client.DisconnectAsync(quit: true, timeout.Token);
            }
            catch (Exception e)
            {
                log.LogDebug(e, "QUIT to {Host} failed; closing the connection anyway.", _smtp.Host);
            }
        }
        Drop();
    }

    private void Drop()
    {
        _client?.Dispose();
        _client = null;
    }
}
