using DialogPlanner.Tests.Infrastructure;
using DialogPlanner.Web.Data;
using DialogPlanner.Web.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace DialogPlanner.Tests.Mail;

/// <summary>Settings and steps the outbox tests share: a fast worker, messages written through the real Outbox.</summary>
public static class OutboxTestKit
{
    public const string From = "dialogplanner@test.example";

    /// <summary>The app sending through the SMTP server on <paramref name="port"/>, polling and retrying within a second.</summary>
    public static Dictionary<string, string?> Smtp(int port, int maxAttempts = 10) => new(Fast(maxAttempts))
    {
        ["Email:From"] = From,
        ["Email:Smtp:Host"] = "127.0.0.1",
        ["Email:Smtp:Port"] = port.ToString(),
        ["Email:Smtp:Security"] = "None",
        ["Email:PublicUrl"] = "https://dialog.test.example",
    };

    public static Dictionary<string, string?> Pickup(string folder) => new(Fast(10)) { ["Email:PickupDirectory"] = folder };

    private static Dictionary<string, string?> Fast(int maxAttempts) => new()
    {
        ["Email:Outbox:PollSeconds"] = "0.1",
        ["Email:Outbox:RetrySeconds"] = "0.2",
        ["Email:Outbox:MaxRetrySeconds"] = "0.5",
        ["Email:Outbox:MaxAttempts"] = maxAttempts.ToString(),
    };

    public static MimeMessage Message(string to, string subject) => new(
        Array.Empty<InternetAddress>(), [MailboxAddress.Parse(to)], subject, new TextPart("plain") { Text = $"Hej!\n\n{subject}\n" });

    /// <summary>Enqueues one message per recipient in one SaveChanges, as a feature would; returns their Message-Ids.</summary>
    public static async Task<List<string>> EnqueueAsync(this AppFactory app, params string[] recipients)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var outbox = scope.ServiceProvider.GetRequiredService<Outbox>();
        var messages = recipients.Select((to, i) => Message(to, $"Inbjudan {i + 1}")).ToList();
        foreach (var message in messages) outbox.Enqueue(message, "test");
        await db.SaveChangesAsync();
        return messages.Select(m => m.MessageId!).ToList();
    }

    public static async Task<List<OutboxMessage>> OutboxAsync(this AppFactory app)
    {
        await using var db = app.CreateDbContext();
        return await db.OutboxMessages.AsNoTracking().OrderBy(m => m.Id).ToListAsync();
    }

    public static Task<List<OutboxMessage>> WaitForOutboxAsync(this AppFactory app, Func<List<OutboxMessage>, bool> done, string what, double seconds = 15) =>
        Eventually.UntilAsync(app.OutboxAsync, done, what, seconds);

    public static Task<List<MimeMessage>> WaitForMessagesAsync(this TestSmtpServer server, int count) =>
        Eventually.UntilAsync(() => Task.FromResult(server.Received.ToList()), r => r.Count >= count, $"{count} messages at the SMTP server");
}
