using System.Text;
using DialogPlanner.Tests.Infrastructure;
using DialogPlanner.Web.Mail;

namespace DialogPlanner.Tests.Mail;

/// <summary>The outbox worker against a real SMTP server on 127.0.0.1.</summary>
public sealed class OutboxDeliveryTests
{
    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ThreeMessagesInOneSave_ArriveOnceEach_OverOneConnection(string provider)
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        await using var app = await AppFactory.StartAsync(provider, OutboxTestKit.Smtp(smtp.Port));

        var ids = await app.EnqueueAsync("anna@test.example", "bertil@test.example", "cecilia@test.example");
        var received = await smtp.WaitForMessagesAsync(3);
        var rows = await app.WaitForOutboxAsync(r => r.All(m => m.Status == OutboxStatus.Sent), "all rows Sent");

        Assert.Equal(ids.Order(), received.Select(m => m.MessageId).Order());
        Assert.Equal(["anna@test.example", "bertil@test.example", "cecilia@test.example"], rows.Select(r => r.ToAddress));
        Assert.All(rows, r => Assert.NotNull(r.SentAtUtc));
        Assert.All(received, m => Assert.Equal(OutboxTestKit.From, m.From.Mailboxes.Single().Address));
        Assert.Equal(1, smtp.Sessions);
    }

    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ServerDown_MessagesWait_ThenArriveExactlyOnceWhenItIsBack(string provider)
    {
        var port = TestSmtpServer.FreePort();
        await using var app = await AppFactory.StartAsync(provider, OutboxTestKit.Smtp(port, maxAttempts: 2));

        var ids = await app.EnqueueAsync("anna@test.example", "bertil@test.example", "cecilia@test.example");
        var waiting = await app.WaitForOutboxAsync(r => r.All(m => m.Attempts > 2), "more tries than MaxAttempts while the server is down");
        Assert.All(waiting, m => Assert.Equal(OutboxStatus.Queued, m.Status));
        Assert.All(waiting, m => Assert.Contains($"127.0.0.1:{port}", m.LastError));

        await using var smtp = await TestSmtpServer.StartAsync(port);
        var rows = await app.WaitForOutboxAsync(r => r.All(m => m.Status == OutboxStatus.Sent), "all rows Sent");

        Assert.Equal(ids.Order(), smtp.Received.Select(m => m.MessageId).Order());
        Assert.All(rows, r => Assert.Null(r.LastError));
    }

    [Fact]
    public async Task ServerClosedTheConnection_TheNextMessageConnectsAgain()
    {
        await using var first = await TestSmtpServer.StartAsync();
        await using var app = await AppFactory.StartAsync("Sqlite", OutboxTestKit.Smtp(first.Port));
        await app.EnqueueAsync("anna@test.example");
        await first.WaitForMessagesAsync(1);
        await first.DisposeAsync(); // drops the worker's open connection under it

        await using var second = await TestSmtpServer.StartAsync(first.Port);
        var ids = await app.EnqueueAsync("bertil@test.example");
        var received = await second.WaitForMessagesAsync(1);
        var rows = await app.WaitForOutboxAsync(r => r.All(m => m.Status == OutboxStatus.Sent), "both rows Sent");

        Assert.Equal(ids, received.Select(m => m.MessageId));
        Assert.Equal(1, rows[1].Attempts); // the reconnect happened within the attempt, not as a failure
    }

    [Fact]
    public async Task RecipientRefusedWith550_FailsAtOnce_AndTheOthersAreSent()
    {
        await using var smtp = await TestSmtpServer.StartAsync(rejected: "okand@test.example");
        await using var app = await AppFactory.StartAsync("Sqlite", OutboxTestKit.Smtp(smtp.Port));

        await app.EnqueueAsync("anna@test.example", "okand@test.example", "cecilia@test.example");
        var rows = await app.WaitForOutboxAsync(r => r.All(m => m.Status != OutboxStatus.Queued), "every row Sent or Failed");

        Assert.Equal([OutboxStatus.Sent, OutboxStatus.Failed, OutboxStatus.Sent], rows.Select(r => r.Status));
        Assert.StartsWith("550 5.1.1 User unknown", rows[1].LastError);
        Assert.Equal(1, rows[1].Attempts);
        Assert.Equal(["anna@test.example", "cecilia@test.example"], smtp.Received.Select(m => m.To.Mailboxes.Single().Address));
        Assert.Equal(1, smtp.Sessions);
    }

    [Fact]
    public async Task MessageRefusedAfterData_With5xx_FailsAtOnce_With4xx_IsTriedAgain()
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        smtp.RefusedAtData["stor@test.example"] = 552;
        smtp.RefusedAtData["senare@test.example"] = 451;
        await using var app = await AppFactory.StartAsync("Sqlite", OutboxTestKit.Smtp(smtp.Port));

        await app.EnqueueAsync("stor@test.example", "senare@test.example", "anna@test.example");
        var rows = await app.WaitForOutboxAsync(r => r[0].Status == OutboxStatus.Failed && r[1].Attempts >= 1 && r[2].Status == OutboxStatus.Sent,
            "the 552 Failed, the 451 tried, the third Sent");

        Assert.StartsWith("552 5.3.4 Message too big", rows[0].LastError);
        Assert.Equal(1, rows[0].Attempts);
        Assert.Equal(OutboxStatus.Queued, rows[1].Status);
        Assert.StartsWith("451 4.3.0 Try again later", rows[1].LastError);
        Assert.Equal(["anna@test.example"], smtp.Received.Select(m => m.To.Mailboxes.Single().Address));
    }

    [Fact]
    public async Task UnreadableRow_FailsAlone_AndLaterMessagesAreDelivered()
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        await using var app = await AppFactory.StartAsync("Sqlite", OutboxTestKit.Smtp(smtp.Port, maxAttempts: 3));
        await using (var db = app.CreateDbContext())
        {
            db.OutboxMessages.Add(new OutboxMessage
            {
                ToAddress = "anna@test.example", Subject = "Trasig", Kind = "test", Status = OutboxStatus.Queued,
                Mime = [0x00, 0xFF, .. Encoding.ASCII.GetBytes("not a message\r\n\r\n"), 0xFE],
                NextAttemptAtUtc = DateTime.UtcNow, CreatedAtUtc = DateTime.UtcNow,
            });
            await db.SaveChangesAsync();
        }

        var ids = await app.EnqueueAsync("bertil@test.example", "cecilia@test.example");
        var rows = await app.WaitForOutboxAsync(r => r.Count == 3 && r.All(m => m.Status != OutboxStatus.Queued), "every row Sent or Failed");

        Assert.Equal([OutboxStatus.Failed, OutboxStatus.Sent, OutboxStatus.Sent], rows.Select(r => r.Status));
        Assert.False(string.IsNullOrEmpty(rows[0].LastError));
        Assert.Equal(ids, smtp.Received.Select(m => m.MessageId));
    }
}
