using DialogPlanner.Tests.Infrastructure;
using DialogPlanner.Web.Data;
using DialogPlanner.Web.Mail;

namespace DialogPlanner.Tests.Mail;

/// <summary>Several instances on one PostgreSQL database share the outbox by claiming batches (docs/decisions/0014).</summary>
public sealed class OutboxClaimTests
{
    private static Dictionary<string, string?> Settings(int port) => new(OutboxTestKit.Smtp(port))
    {
        ["Email:Outbox:BatchSize"] = "10",
        ["Email:Outbox:LeaseSeconds"] = "30",
    };

    [Fact]
    public async Task TwoInstancesOnOneDatabase_DeliverEachMessageExactlyOnce()
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        var database = await TestDatabase.CreateAsync(DatabaseSetup.Postgres);
        await using var first = new AppFactory(database, Settings(smtp.Port));
        await using var second = new AppFactory(database, Settings(smtp.Port));
        _ = first.Server;
        _ = second.Server;

        var recipients = Enumerable.Range(1, 200).Select(i => $"deltagare{i}@test.example").ToArray();
        var ids = await first.EnqueueAsync(recipients);
        var rows = await first.WaitForOutboxAsync(r => r.All(m => m.Status == OutboxStatus.Sent), "all 200 rows Sent", seconds: 60);
        await smtp.WaitForMessagesAsync(200);

        Assert.Equal(ids.Order(), smtp.Received.Select(m => m.MessageId).Order());
        Assert.Equal(recipients.Order(), smtp.Received.Select(m => m.To.Mailboxes.Single().Address).Order());
        Assert.All(rows, r => Assert.Null(r.ClaimedUntilUtc));
        // Both instances took their share: the claims, not luck, kept them apart.
        Assert.Equal(2, rows.Select(r => r.ClaimedBy).Distinct().Count());
    }

    [Fact]
    public async Task ClaimOfAnInstanceThatDied_IsTakenOverWhenItRunsOut_ALiveOneIsNot()
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        var database = await TestDatabase.CreateAsync(DatabaseSetup.Postgres);
        var ids = new List<string>();
        await using (var db = database.CreateContext())
        {
            var outbox = new Outbox(db, Microsoft.Extensions.Options.Options.Create(new MailSettings { From = OutboxTestKit.From }), new OutboxSignal(), TimeProvider.System);
            var dead = outbox.Enqueue(OutboxTestKit.Message("anna@test.example", "Inbjudan 1"), "test");
            dead.ClaimedBy = "dead-host/1/0";
            dead.ClaimedUntilUtc = DateTime.UtcNow.AddSeconds(-1);
            var alive = outbox.Enqueue(OutboxTestKit.Message("bertil@test.example", "Inbjudan 2"), "test");
            alive.ClaimedBy = "busy-host/2/0";
            alive.ClaimedUntilUtc = DateTime.UtcNow.AddHours(1);
            await db.SaveChangesAsync();
        }
        await using var app = new AppFactory(database, Settings(smtp.Port));
        _ = app.Server;

        var received = await smtp.WaitForMessagesAsync(1);
        var rows = await app.WaitForOutboxAsync(r => r[0].Status == OutboxStatus.Sent, "the dead instance's message Sent");

        Assert.Equal("anna@test.example", received.Single().To.Mailboxes.Single().Address);
        Assert.NotEqual("dead-host/1/0", rows[0].ClaimedBy);
        Assert.Equal(OutboxStatus.Queued, rows[1].Status);
        Assert.Equal("busy-host/2/0", rows[1].ClaimedBy);
    }
}
