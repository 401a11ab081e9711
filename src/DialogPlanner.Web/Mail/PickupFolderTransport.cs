using Microsoft.Extensions.Options;
using MimeKit;

namespace DialogPlanner.Web.Mail;

/// <summary>
/// Without an SMTP server (development, demos) each message becomes an .eml file in the pickup folder,
/// named by delivery time so the names sort oldest first; /dev/mail shows them.
/// </summary>
public sealed class PickupFolderTransport(IOptions<MailSettings> options, TimeProvider time) : IMailTransport
{
    public const string Extension = ".eml";

    public string Folder { get; } = options.Value.PickupDirectory;

    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Folder);
        var name = $"{time.GetUtcNow():yyyyMMdd'-'HHmmss'-'fffffff}-{Guid.NewGuid().ToString("N")[..6]}{Extension}";
        var path = Path.Combine(Folder, name);
        // Written under another name first, so that a reader never sees half a message.
        await message.WriteToAsync(path + ".part", cancellationToken);
        File.Move(path + ".part", path);
    }

    public Task ReleaseIfIdleAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
