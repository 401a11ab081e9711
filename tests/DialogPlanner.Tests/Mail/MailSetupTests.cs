using DialogPlanner.Tests.Infrastructure;
using DialogPlanner.Web.Jobs;
using DialogPlanner.Web.Mail;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace DialogPlanner.Tests.Mail;

public sealed class MailSetupTests
{
    [Fact]
    public async Task SmtpHostWithoutAValidFrom_StopsTheAppAtStart()
    {
        var settings = new Dictionary<string, string?> { ["Email:Smtp:Host"] = "smtp.test.example", ["Email:From"] = "dialogplanner" };
        await using var app = new AppFactory(await TestDatabase.CreateAsync("Sqlite"), settings);

        var error = Assert.ThrowsAny<Exception>(() => app.Server);

        Assert.Contains("Email:From must be the sender's e-mail address", error.Message);
    }

    [Fact]
    public async Task ImapHostWithoutAUser_StopsTheAppAtStart()
    {
        var settings = new Dictionary<string, string?> { ["Email:Imap:Host"] = "imap.test.example", ["Email:Imap:PollSeconds"] = "0" };
        await using var app = new AppFactory(await TestDatabase.CreateAsync("Sqlite"), settings);

        var error = Assert.ThrowsAny<Exception>(() => app.Server);

        Assert.Contains("Email:Imap:User is required", error.Message);
        Assert.Contains("Email:Imap:PollSeconds must be above 0", error.Message);
    }

    [Fact]
    public async Task NoImapHost_TheAnswerWorkerDoesNothing()
    {
        await using var app = await AppFactory.StartAsync("Sqlite");

        var worker = app.Services.GetServices<IHostedService>().OfType<ImapReplyWorker>().Single();

        Assert.True(worker.ExecuteTask!.IsCompletedSuccessfully);
    }

    [Fact]
    public void RetryDelay_DoublesFromTheFirstDelay_UpToTheCap()
    {
        var outbox = new OutboxSettings();

        Assert.Equal([15, 30, 60, 120, 240, 480, 960, 1920, 3600, 3600], Enumerable.Range(1, 10).Select(a => outbox.RetryDelay(a).TotalSeconds));
    }

    [Fact]
    public async Task BackgroundJob_GoesOnAfterARoundThrows()
    {
        var job = new FlakyJob();
        await job.StartAsync(CancellationToken.None);
        await Eventually.UntilAsync(() => Task.FromResult(job.Rounds), r => r >= 3, "three rounds");
        await job.StopAsync(CancellationToken.None);

        Assert.True(job.ExecuteTask!.IsCompletedSuccessfully);
    }

    private sealed class FlakyJob() : BackgroundJob(NullLogger.Instance)
    {
        public int Rounds;

        protected override Task RunOnceAsync(CancellationToken stoppingToken) =>
            ++Rounds == 1 ? throw new InvalidOperationException("first round fails") : Task.CompletedTask;

        protected override Task PauseAsync(CancellationToken stoppingToken) => Task.Delay(10, stoppingToken);
    }
}
