using MimeKit;

namespace DialogPlanner.Web.Mail;

/// <summary>
/// Delivers one message at a time; used by the outbox worker only (an SMTP connection is not thread-safe).
/// Throws <see cref="MailRejectedException"/> when the message itself was refused and
/// <see cref="MailTransportUnavailableException"/> when nothing could be delivered (server down, bad login).
/// </summary>
public interface IMailTransport : IAsyncDisposable
{
    Task SendAsync(MimeMessage message, CancellationToken cancellationToken);

    /// <summary>Called when the outbox is empty: lets go of a connection that has not been used for a while.</summary>
    Task ReleaseIfIdleAsync(CancellationToken cancellationToken);
}

/// <summary>The server refused this message; <see cref="Permanent"/> when trying again cannot help (5xx for a recipient or for the message itself).</summary>
public sealed class MailRejectedException(string reason, bool permanent, Exception? inner = null) : Exception(reason, inner)
{
    public bool Permanent { get; } = permanent;
}

/// <summary>No message could be delivered now; not the message's fault, so it must never be given up for this.</summary>
public sealed class MailTransportUnavailableException(string reason, Exception? inner = null) : Exception(reason, inner);
