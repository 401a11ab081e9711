using System.Net.Sockets;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace DialogPlanner.Web.Mail;

/// <summary>
/// Whether the SMTP or IMAP server takes a connection. Registered as Degraded on failure, not Unhealthy: without
/// it mail waits in the outbox and answers in the mailbox, but the app serves, so a load balancer keeps sending
/// traffic. A server that is not configured is not checked. Only the TCP connection is tried; a login per probe
/// would fill the server's logs.
/// </summary>
public sealed class MailServerHealthCheck(IOptions<MailSettings> options) : IHealthCheck
{
    public const string Smtp = "smtp";
    public const string Imap = "imap";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var (host, port) = context.Registration.Name == Imap
            ? (options.Value.Imap.Host, options.Value.Imap.Port)
            : (options.Value.Smtp.Host, options.Value.Smtp.Port);
        if (string.IsNullOrWhiteSpace(host)) return HealthCheckResult.Healthy("Not configured.");
        try
        {
            using var client = new TcpClient();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(Timeout);
            await client.ConnectAsync(host, port, timeout.Token);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, $"{host}:{port} cannot be reached.", e);
        }
    }
}
