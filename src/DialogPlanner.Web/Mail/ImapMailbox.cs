using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using Microsoft.Extensions.Options;
using MimeKit;

namespace DialogPlanner.Web.Mail;

/// <summary>
/// The IMAP mailbox of <c>Email:Imap</c>, where calendar answers arrive: one connection that stays open and
/// authenticated between rounds, the folder new mail arrives in, and the two folders a read message is moved
/// to. What a message means is not its business (see Jobs.ImapReplyWorker). Used by one worker only: an IMAP
/// connection is not thread-safe.
/// </summary>
public sealed class ImapMailbox(IOptions<MailSettings> options, TimeProvider time, ILogger<ImapMailbox> log) : IAsyncDisposable
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(2);
    /// <summary>Below <see cref="CommandTimeout"/>, so a quiet IDLE never looks like a dead connection, and far below the 29 minutes of RFC 2177.</summary>
    private static readonly TimeSpan MaxIdle = TimeSpan.FromSeconds(90);

    private readonly ImapSettings _settings = options.Value.Imap;
    private ImapClient? _client;
    private Folders? _folders;

    private sealed record Folders(IMailFolder Inbox, IMailFolder Handled, IMailFolder SetAside);

    /// <summary>Where a message goes once read.</summary>
    public enum Destination
    {
        /// <summary><c>Email:Imap:HandledFolder</c>: it was used.</summary>
        Handled,
        /// <summary><c>Email:Imap:SetAsideFolder</c>: it changed nothing, and is listed for administrators.</summary>
        SetAside,
    }

    /// <summary>
    /// A message waiting in the folder: its IMAP id, when the server received it, its size as the server counts it,
    /// and its envelope (sender, subject, Message-Id), so that one too large to download can still be reported.
    /// </summary>
    public sealed record Waiting(UniqueId Id, DateTime? ReceivedAtUtc, long? Size, Envelope? Envelope);

    /// <summary>No host (the default): there is no mailbox to read.</summary>
    public bool IsConfigured => _settings.IsConfigured;

    /// <summary>Connects, signs in and opens the folders, unless the connection is still good; the missing target folders are made.</summary>
    public async Task OpenAsync(CancellationToken ct)
    {
        if (_client is { IsConnected: true, IsAuthenticated: true } && _folders is { Inbox.IsOpen: true }) return;
        await CloseAsync();
        var client = new ImapClient { Timeout = (int)CommandTimeout.TotalMilliseconds };
        _client = client;
        await client.ConnectAsync(_settings.Host.Trim(), _settings.Port, _settings.SocketOptions, ct);
        await client.AuthenticateAsync(_settings.User, _settings.Password, ct);
        var inbox = await FolderAsync(client, _settings.Folder, create: false, ct);
        var handled = await FolderAsync(client, _settings.HandledFolder, create: true, ct);
        var setAside = await FolderAsync(client, _settings.SetAsideFolder, create: true, ct);
        await inbox.OpenAsync(FolderAccess.ReadWrite, ct);
        log.LogInformation("Reading calendar answers from {Folder} at {Host}.", inbox.FullName, _settings.Host);
        _folders = new Folders(inbox, handled, setAside);
    }

    /// <summary>Up to <paramref name="max"/> of the messages in the folder, oldest first.</summary>
    /// <returns>Them, and whether more are waiting behind them.</returns>
    public async Task<(IReadOnlyList<Waiting> Messages, bool More)> WaitingAsync(int max, CancellationToken ct)
    {
        var inbox = Open().Inbox;
        var uids = await inbox.SearchAsync(SearchQuery.All, ct);
        if (uids.Count == 0) return ([], false);
        var batch = await inbox.FetchAsync(uids.Take(max).ToList(),
            MessageSummaryItems.UniqueId | MessageSummaryItems.InternalDate | MessageSummaryItems.Size | MessageSummaryItems.Envelope, ct);
        return (batch.OrderBy(s => s.UniqueId).Select(s => new Waiting(s.UniqueId, s.InternalDate?.UtcDateTime, s.Size, s.Envelope)).ToList(),
            uids.Count > max);
    }

    public Task<MimeMessage> ReadAsync(UniqueId id, CancellationToken ct) => Open().Inbox.GetMessageAsync(id, ct);

    /// <summary>Takes a read message out of the folder, so it is read once.</summary>
    public Task MoveAsync(UniqueId id, Destination destination, CancellationToken ct)
    {
        var folders = Open();
        return folders.Inbox.MoveToAsync(id, destination == Destination.SetAside ? folders.SetAside : folders.Handled, ct);
    }

    /// <summary>Whether <see cref="WaitForMailAsync"/> can be told of new mail by the server (IMAP IDLE) on the open connection.</summary>
    public bool CanWaitForMail =>
        _client is { IsConnected: true } client && client.Capabilities.HasFlag(ImapCapabilities.Idle) && _folders is { Inbox.IsOpen: true };

    /// <summary>Waits with IMAP IDLE until a message arrives or <paramref name="wait"/> (at most 90 seconds) has passed.</summary>
    public async Task WaitForMailAsync(TimeSpan wait, CancellationToken stoppingToken)
    {
        var (client, inbox) = (_client!, Open().Inbox);
        using var done = new CancellationTokenSource(wait < MaxIdle ? wait : MaxIdle, time);
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

    /// <summary>Lets go of the connection (logging out when it still answers); the next <see cref="OpenAsync"/> starts afresh.</summary>
    public async Task CloseAsync()
    {
        var client = _client;
        _client = null;
        _folders = null;
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

    public async ValueTask DisposeAsync() => await CloseAsync();

    private Folders Open() => _folders ?? throw new InvalidOperationException("The IMAP mailbox is not open.");

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
}
