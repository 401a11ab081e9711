using System.Diagnostics;
using System.Net.Sockets;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MailKit.Security;
using MimeKit;

namespace DialogPlanner.Tests.Mail;

/// <summary>
/// A throwaway dovecot (Debian dovecot-imapd) on 127.0.0.1 with one mailbox, its own configuration and
/// Maildir in a temporary folder; killed and removed at dispose. Tests put messages in with APPEND and
/// look at the folders as the app left them.
/// </summary>
public sealed class TestImapServer : IAsyncDisposable
{
    public const string User = "dialogplanner@test.example";
    public const string Password = "imap-password-1";

    private readonly string _root;
    private readonly Process _dovecot;

    public int Port { get; }

    private TestImapServer(string root, int port, Process dovecot)
    {
        _root = root;
        Port = port;
        _dovecot = dovecot;
    }

    /// <summary>The app's settings to read this mailbox, checking often.</summary>
    public Dictionary<string, string?> Settings() => SettingsFor(Port);

    public static Dictionary<string, string?> SettingsFor(int port) => new()
    {
        ["Email:Imap:Host"] = "127.0.0.1",
        ["Email:Imap:Port"] = port.ToString(),
        ["Email:Imap:Security"] = "None",
        ["Email:Imap:User"] = User,
        ["Email:Imap:Password"] = Password,
        ["Email:Imap:PollSeconds"] = "0.2",
    };

    public static async Task<TestImapServer> StartAsync(int? port = null)
    {
        var root = Directory.CreateTempSubdirectory("dialogplanner-imap-").FullName;
        // dovecot's own processes run as nobody and must get into the folder.
        Run("chmod", "755", root);
        var home = Path.Combine(root, "home");
        Directory.CreateDirectory(Path.Combine(home, "Maildir"));
        port ??= TestSmtpServer.FreePort();
        await File.WriteAllTextAsync(Path.Combine(root, "passwd"), $"{User}:{{PLAIN}}{Password}\n");
        var config = Path.Combine(root, "dovecot.conf");
        await File.WriteAllTextAsync(config, $$"""
            base_dir = {{root}}/run
            state_dir = {{root}}/state
            log_path = {{root}}/dovecot.log
            protocols = imap
            listen = 127.0.0.1
            ssl = no
            disable_plaintext_auth = no
            auth_mechanisms = plain login
            mail_location = maildir:~/Maildir
            default_internal_user = nobody
            default_internal_group = nogroup
            default_login_user = nobody
            passdb {
              driver = passwd-file
              args = scheme=PLAIN {{root}}/passwd
            }
            userdb {
              driver = static
              args = uid=nobody gid=nogroup home={{home}}
            }
            service imap-login {
              chroot =
              inet_listener imap {
                address = 127.0.0.1
                port = {{port}}
              }
              inet_listener imaps {
                port = 0
              }
            }
            service anvil {
              chroot =
            }
            """);
        Directory.CreateDirectory(Path.Combine(root, "state"));
        Run("chown", "-R", "nobody:nogroup", home, Path.Combine(root, "state"));
        var dovecot = Process.Start(new ProcessStartInfo("dovecot", ["-F", "-c", config])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("dovecot did not start.");
        var server = new TestImapServer(root, port.Value, dovecot);
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync("127.0.0.1", port.Value);
                return server;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !dovecot.HasExited)
            {
                await Task.Delay(50);
            }
            catch (SocketException)
            {
                var log = File.Exists(Path.Combine(root, "dovecot.log")) ? await File.ReadAllTextAsync(Path.Combine(root, "dovecot.log")) : "";
                await server.DisposeAsync();
                throw new InvalidOperationException($"dovecot does not listen on {port} (is dovecot-imapd installed?): {log}");
            }
        }
    }

    private static void Run(string tool, params string[] arguments)
    {
        using var process = Process.Start(tool, arguments);
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{tool} {string.Join(' ', arguments)} failed.");
    }

    /// <summary>dovecot's log so far: logins, failed ones included.</summary>
    public async Task<string> LogAsync()
    {
        var path = Path.Combine(_root, "dovecot.log");
        if (!File.Exists(path)) return "";
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        return await new StreamReader(stream).ReadToEndAsync();
    }

    public async Task<ImapClient> ConnectAsync()
    {
        var client = new ImapClient();
        await client.ConnectAsync("127.0.0.1", Port, SecureSocketOptions.None);
        await client.AuthenticateAsync(User, Password);
        return client;
    }

    /// <summary>Puts a message in the inbox, as a mail server delivering it would.</summary>
    public async Task AppendAsync(MimeMessage message)
    {
        using var client = await ConnectAsync();
        await client.Inbox.AppendAsync(message);
        await client.DisconnectAsync(true);
    }

    /// <summary>The Message-Ids in a folder ('/'-separated path, as in the app's settings); empty when it does not exist.</summary>
    public async Task<List<string>> MessageIdsAsync(string path)
    {
        using var client = await ConnectAsync();
        IMailFolder folder;
        if (path == "INBOX")
        {
            folder = client.Inbox;
        }
        else
        {
            try
            {
                folder = await client.GetFolderAsync(path.Replace('/', client.PersonalNamespaces[0].DirectorySeparator));
            }
            catch (FolderNotFoundException)
            {
                return [];
            }
        }
        await folder.OpenAsync(FolderAccess.ReadOnly);
        var uids = await folder.SearchAsync(SearchQuery.All);
        var ids = uids.Count == 0 ? [] : (await folder.FetchAsync(uids, MessageSummaryItems.Envelope)).Select(s => s.Envelope?.MessageId ?? "").ToList();
        await client.DisconnectAsync(true);
        return ids;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_dovecot.HasExited)
            {
                _dovecot.Kill(entireProcessTree: true);
                await _dovecot.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
        }
        _dovecot.Dispose();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
