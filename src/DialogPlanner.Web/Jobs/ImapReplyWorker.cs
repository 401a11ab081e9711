using System.Data.Common;
using System.Net.Sockets;
using DialogPlanner.Web.Features.Invitations;
using DialogPlanner.Web.Mail;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DialogPlanner.Web.Jobs;

/// <summary>
/// Reads the calendar answers (iMIP REPLY) that invitees' calendars mail to the organiser address, from
/// the IMAP folder <c>Email:Imap:Folder</c>, and hands each to <see cref="CalendarReplyHandler"/>. Every
/// message leaves that folder once handled: into the handled folder, or into the set-aside folder when
/// it changed nothing and was reported. A message is moved only after its outcome is saved, so a crash
/// in between reads it again, which records the same answer again (harmless) and reports nothing twice.
/// Between rounds it waits with IMAP IDLE when the server offers it, so answers show up at once.
/// </summary>
public sealed class ImapReplyWorker(
    IServiceScopeFactory scopes, IOptions<MailSettings> options, TimeProvider time, ILogger<ImapReplyWorker> log) : BackgroundJob(log)
{
    private const int BatchSize = 100;
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(2);
    /// <summary>Below <see cref="CommandTimeout"/>, so a quiet IDLE never looks like a dead connection, and far below the 29 minutes of RFC 2177.</summary>
    private static readonly TimeSpan MaxIdle = TimeSpan.FromSeconds(90);
    private readonly ImapSettings _settings = options.Value.Imap;
    private ImapClient? _client;
    private Mailbox? _mailbox;
    private int _failedRounds;

    private sealed record Mailbox(IMailFolder Inbox, IMailFolder Handled, IMailFolder SetAside);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // No host (the default): there is no mailbox to read.
        if (!_settings.IsConfigured) return;
        try
        {
            await base.ExecuteAsync(stoppingToken);
        }
        finally
        {
            await DropConnectionAsync();
        }
    }

    protected override async Task RunOnceAsync(CancellationToken stoppingToken)
    {
        _failedRounds++;
        try
        {
            var mailbox = await OpenAsync(stoppingToken);
            while (await HandleBatchAsync(mailbox, stoppingToken))
            {
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            // The connection may be half broken: the next round starts with a fresh one.
            await DropConnectionAsync();
            throw;
        }
        _failedRounds = 0;
    }

    protected override async Task PauseAsync(CancellationToken stoppingToken)
    {
        var poll = TimeSpan.FromSeconds(_settings.PollSeconds);
        if (_failedRounds > 0)
        {
            // A server that is down or refuses the login is asked less and less often.
            var backoff = poll * Math.Pow(2, Math.Min(_failedRounds - 1, 20));
            await Task.Delay(backoff < MaxBackoff || poll > MaxBackoff ? backoff : MaxBackoff, time, stoppingToken);
            return;
        }
        if (_client is { IsConnected: true } client && client.Capabilities.HasFlag(ImapCapabilities.Idle) && _mailbox is { Inbox.IsOpen: true } mailbox)
        {
            try
            {
                await IdleAsync(client, mailbox.Inbox, poll < MaxIdle ? poll : MaxIdle, stoppingToken);
                return;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                log.LogWarning("Waiting for new mail with IMAP IDLE failed; reconnecting: {Reason}", e.Message);
                await DropConnectionAsync();
                return;
            }
        }
        await Task.Delay(poll, time, stoppingToken);
    }

    /// <summary>Waits until a message arrives or <paramref name="wait"/> has passed.</summary>
    private async Task IdleAsync(ImapClient client, IMailFolder inbox, TimeSpan wait, CancellationToken stoppingToken)
    {
        using var done = new CancellationTokenSource(wait, time);
        void OnCountChanged(object? sender, EventArgs e) => done.Cancel();
        inbox.CountChanged += OnCountChanged;
        try
        {
            await client.IdleAsync(done.Token, stoppingToken);
        }
        finally
        {
            inbox.CountChanged -= OnCountChanged;
        }
    }

    private async Task<Mailbox> OpenAsync(CancellationToken ct)
    {
        if (_client is { IsConnected: true, IsAuthenticated: true } && _mailbox is { Inbox.IsOpen: true } open) return open;
        await DropConnectionAsync();
        var client = new ImapClient { Timeout = (int)CommandTimeout.TotalMilliseconds };
        _client = client;
        await client.ConnectAsync(_settings.Host.Trim(), _settings.Port, _settings.SocketOptions, ct);
        await client.AuthenticateAsync(_settings.User, _settings.Password, ct);
        var inbox = await FolderAsync(client, _settings.Folder, create: false, ct);
        var handled = await FolderAsync(client, _settings.HandledFolder, create: true, ct);
        var setAside = await FolderAsync(client, _settings.SetAsideFolder, create: true, ct);
        await inbox.OpenAsync(FolderAccess.ReadWrite, ct);
        log.LogInformation("Reading calendar answers from {Folder} at {Host}.", inbox.FullName, _settings.Host);
        return _mailbox = new Mailbox(inbox, handled, setAside);
    }

    /// <summary>
    /// The folder at a '/'-separated path, made (and subscribed, so mail programs show it) when missing.
    /// Servers separate levels with '/' or '.', so the path is walked level by level.
    /// </summary>
    private static async Task<IMailFolder> FolderAsync(ImapClient client, string path, bool create, CancellationToken ct)
    {
        var names = path.Split('/', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (names is [var only] && only.Equals("INBOX", StringComparison.OrdinalIgnoreCase)) return client.Inbox;
        var folder = client.GetFolder(client.PersonalNamespaces[0]);
        foreach (var name in names)
        {
            try
            {
                folder = await folder.GetSubfolderAsync(name, ct);
            }
            catch (FolderNotFoundException) when (create)
            {
                folder = await folder.CreateAsync(name, isMessageFolder: true, ct)
                    ?? throw new InvalidOperationException($"The IMAP server did not create the folder {path}.");
                await folder.SubscribeAsync(ct);
            }
        }
        return folder;
    }

    /// <returns>Whether more messages may be waiting.</returns>
    private async Task<bool> HandleBatchAsync(Mailbox mailbox, CancellationToken ct)
    {
        var uids = await mailbox.Inbox.SearchAsync(SearchQuery.All, ct);
        if (uids.Count == 0) return false;
        var batch = await mailbox.Inbox.FetchAsync(uids.Take(BatchSize).ToList(), MessageSummaryItems.UniqueId | MessageSummaryItems.InternalDate, ct);
        var outcomes = new Dictionary<ReplyOutcome, int>();
        foreach (var summary in batch.OrderBy(s => s.UniqueId))
        {
            var outcome = await HandleAsync(mailbox.Inbox, summary, ct);
            await mailbox.Inbox.MoveToAsync(summary.UniqueId, outcome == ReplyOutcome.SetAside ? mailbox.SetAside : mailbox.Handled, ct);
            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
        }
        log.LogInformation("Read {Count} messages from the answer mailbox: {Outcomes}.", batch.Count,
            string.Join(", ", outcomes.Select(o => $"{o.Value} {o.Key}")));
        return uids.Count > BatchSize;
    }

    private async Task<ReplyOutcome> HandleAsync(IMailFolder inbox, IMessageSummary summary, CancellationToken ct)
    {
        var message = await inbox.GetMessageAsync(summary.UniqueId, ct);
        var receivedAtUtc = summary.InternalDate?.UtcDateTime ?? time.GetUtcNow().UtcDateTime;
        try
        {
            using var scope = scopes.CreateScope();
            return await scope.ServiceProvider.GetRequiredService<CalendarReplyHandler>().HandleAsync(message, receivedAtUtc, ct);
        }
        catch (Exception e) when (!IsInfrastructure(e))
        {
            // The message's own fault (or a bug it triggers): reported and put aside, so that it does
            // not hold up the answers behind it. A fresh scope: the failed one may hold half a change.
            log.LogError(e, "Calendar answer {MessageId} could not be handled; it is set aside.", message.MessageId);
            using var scope = scopes.CreateScope();
            return await scope.ServiceProvider.GetRequiredService<CalendarReplyHandler>().SetAsideAsync(
                message, receivedAtUtc, SetAsideReason.HandlingFailed, $"{e.GetType().Name}: {e.Message}", null, ct);
        }
    }

    /// <summary>Failures of the mail server or the database: nothing to do with the message, so it waits in the inbox.</summary>
    private static bool IsInfrastructure(Exception e) =>
        e is OperationCanceledException or IOException or SocketException or TimeoutException
            or ProtocolException or CommandException or ServiceNotConnectedException or ServiceNotAuthenticatedException
            or MailKit.Security.AuthenticationException or DbException or DbUpdateException
        || (e.InnerException is { } inner && IsInfrastructure(inner));

    private async Task DropConnectionAsync()
    {
        var client = _client;
        _client = null;
        _mailbox = null;
        if (client is null) return;
        try
        {
            if (client.IsConnected)
            {
                using var quick = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await client.DisconnectAsync(quit: true, quick.Token);
            }
        }
        catch (Exception e)
        {
            log.LogDebug("Closing the IMAP connection: {Reason}", e.Message);
        }
        finally
        {
            client.Dispose();
        }
    }
}
