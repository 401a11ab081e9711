using System.Diagnostics;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using DialogPlanner.Bench;
using DialogPlanner.Web;
using DialogPlanner.Web.Data;
using DialogPlanner.Web.Features.Events;
using DialogPlanner.Web.Features.Invitations;
using DialogPlanner.Web.Features.Municipalities;
using DialogPlanner.Web.Mail;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MimeKit;

// One event to many invitees through the app's own path (the request saves the invitations → InvitationMailJob
// builds outbox rows in SQLite → OutboxWorker over SMTP), next to a plain MailKit loop sending the same MIME messages over one
// connection, both to the same local SMTP server in the same run. See docs/benchmarks.md.
var invitees = args.Length > 0 ? int.Parse(args[0]) : 1000;
var commit = args.Length > 1 ? args[1] : "unknown";
const int WarmUp = 50;
const string BaseUrl = "https://dialog.bench.example";

await using var smtp = new CountingSmtpServer();
var work = Directory.CreateTempSubdirectory("invitation-bench-");
try
{
    var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production", ContentRootPath = work.FullName });
    builder.WebHost.UseUrls("http://127.0.0.1:0");
    builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Database:Provider"] = "Sqlite",
        ["ConnectionStrings:DialogPlanner"] = $"Data Source={Path.Combine(work.FullName, "bench.db")}",
        ["Email:From"] = "dialogplanner@bench.example",
        ["Email:Smtp:Host"] = "127.0.0.1",
        ["Email:Smtp:Port"] = smtp.Port.ToString(),
        ["Email:Smtp:Security"] = "None",
        ["Email:PublicUrl"] = BaseUrl,
        ["Email:Reminders:DaysBefore"] = "0",
        ["Logging:LogLevel:Default"] = "Error",
        ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Warning",
    });
    builder.AddDialogPlanner();
    var app = builder.Build();
    app.UseDialogPlanner();
    await app.StartAsync();

    if (Environment.GetEnvironmentVariable("BENCH_SQLITE_WAL") == "1")
    {
        // An experiment, not the app's default: SQLite's write-ahead log makes each commit one append and one fsync.
        using var scope = app.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        Console.WriteLine("  (SQLite journal_mode=WAL)");
    }

    // JIT, the EF model and the parsed templates are ready before anything is measured.
    await AppPathAsync(app, smtp, WarmUp);
    var measured = await AppPathAsync(app, smtp, invitees);
    await app.StopAsync();
    await app.DisposeAsync();

    await PlainLoopAsync(smtp, measured.Messages.Take(WarmUp).ToList(), noDelay: true);
    var plain = await PlainLoopAsync(smtp, measured.Messages, noDelay: false);
    var plainNoDelay = await PlainLoopAsync(smtp, measured.Messages, noDelay: true);

    Console.WriteLine($"InvitationBench: one event to {invitees} invitees, SMTP on 127.0.0.1:{smtp.Port} (SmtpServer 11.1.0, in process)");
    Console.WriteLine($"  date {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, commit {commit}, {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}");
    Console.WriteLine($"  app path:   {Rate(invitees, measured.Total),6} msg/s wall, {Rate(invitees, measured.TotalCpu),6} msg/s per CPU second ({measured.Total.TotalSeconds:F2} s, CPU {measured.TotalCpu.TotalSeconds:F2} s)");
    Console.WriteLine($"    the organiser's request (invitations saved, mail left to the job): {measured.Request.TotalSeconds:F2} s, CPU {measured.RequestCpu.TotalSeconds:F2} s");
    Console.WriteLine($"    mails built by the job (InvitationMailJob, alongside delivery) by {measured.Built.TotalSeconds:F2} s = {Rate(invitees, measured.Built)} msg/s");
    Console.WriteLine($"    after the request (job and OutboxWorker): {(measured.Total - measured.Request).TotalSeconds:F2} s = {Rate(invitees, measured.Total - measured.Request)} msg/s, CPU {(measured.TotalCpu - measured.RequestCpu).TotalSeconds:F2} s");
    Console.WriteLine($"  plain loop: {Rate(invitees, plain.Wall),6} msg/s wall, {Rate(invitees, plain.Cpu),6} msg/s per CPU second ({plain.Wall.TotalSeconds:F2} s, CPU {plain.Cpu.TotalSeconds:F2} s)");
    Console.WriteLine($"  plain loop, TCP_NODELAY: {Rate(invitees, plainNoDelay.Wall),6} msg/s wall, {Rate(invitees, plainNoDelay.Cpu),6} msg/s per CPU second ({plainNoDelay.Wall.TotalSeconds:F2} s, CPU {plainNoDelay.Cpu.TotalSeconds:F2} s)");
    Console.WriteLine($"  app rate / plain TCP_NODELAY rate: {plainNoDelay.Wall / measured.Total:P0} (target 80 %); app rate / default plain rate: {plain.Wall / measured.Total:P0}");
    Console.WriteLine($"  SMTP connections opened: {smtp.Sessions} (app and plain loop, warm-ups included)");
    var expected = 2 * WarmUp + 3 * invitees;
    if (smtp.Received != expected) throw new InvalidOperationException($"The server got {smtp.Received} messages, not {expected}.");
    return 0;
}
finally
{
    work.Delete(recursive: true);
}

static string Rate(int count, TimeSpan time) => (count / time.TotalSeconds).ToString("F0");

// What InviteesController.Add does for a scheduled event and more than 20 invitees: the invitations and the mark that
// leaves their mail to the InvitationMailJob, in one SaveChanges (the organiser's request ends here); then the job
// builds the mails 100 per commit and the OutboxWorker delivers them. Timed until every row is saved as Sent.
static async Task<AppRun> AppPathAsync(WebApplication app, CountingSmtpServer smtp, int count)
{
    using var scope = app.Services.CreateScope();
    var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
    var sender = scope.ServiceProvider.GetRequiredService<InvitationSender>();
    var municipality = await db.Municipalities.OrderBy(m => m.Id).FirstOrDefaultAsync() ?? new Municipality { Name = "Ljungby", Slug = "ljungby" };
    var start = DateTime.UtcNow.Date.AddDays(30).AddHours(16);
    var e = new Event
    {
        Municipality = municipality, Type = EventType.DialogueMeeting, Status = EventStatus.Scheduled, IsPublic = true,
        Title = "Dialogmöte om tryggheten i centrum", Location = "Ljungby bibliotek, Olofsgatan 13",
        Description = "Polisen och kommunen berättar om årets medborgarlöfte.\nFika från 17.30.",
        StartsAtUtc = start, EndsAtUtc = start.AddHours(2),
    };
    db.Events.Add(e);
    await db.SaveChangesAsync();
    var arrived = smtp.WaitForAsync(count);

    var cpu = Cpu();
    var clickedAt = DateTime.UtcNow;
    var clock = Stopwatch.StartNew();
    for (var i = 1; i <= count; i++)
        e.Invitations.Add(new Invitation { Email = $"invitee{i:D5}@bench.example", Name = $"Invitee {i}", Language = i % 5 == 0 ? "en" : "sv" });
    if (!sender.Defer(e)) throw new InvalidOperationException($"{count} invitees are built in the request; the bench needs more than 20.");
    await db.SaveChangesAsync();
    var request = clock.Elapsed;
    var requestCpu = Cpu() - cpu;
    await arrived.WaitAsync(TimeSpan.FromMinutes(10));
    using var checkScope = app.Services.CreateScope();
    var check = checkScope.ServiceProvider.GetRequiredService<AppDbContext>();
    // Polled only once every message has arrived: a tight poll would cost the app path CPU of its own.
    while (await Rows(check, e.Id).CountAsync(m => m.Status == OutboxStatus.Sent) < count) await Task.Delay(10);
    var total = clock.Elapsed;
    var totalCpu = Cpu() - cpu;
    // When the job wrote the last row: the building, read afterwards rather than polled.
    var built = (await Rows(check, e.Id).MaxAsync(m => m.CreatedAtUtc)) - clickedAt;
    Console.WriteLine($"  ({count} invitees: request {request.TotalSeconds:F2} s, all mails built {built.TotalSeconds:F2} s after the click, all sent {total.TotalSeconds:F2} s)");

    var mime = await Rows(check, e.Id).OrderBy(m => m.Id).Select(m => m.Mime).ToListAsync();
    var messages = mime.Select(bytes => MimeMessage.Load(new MemoryStream(bytes))).ToList();
    return new AppRun(request, built, total, requestCpu, totalCpu, messages);
}

static IQueryable<OutboxMessage> Rows(AppDbContext db, int eventId) =>
    db.OutboxMessages.AsNoTracking().Where(m => db.Invitations.Any(i => i.Id == m.InvitationId && i.EventId == eventId));

static async Task<Measured> PlainLoopAsync(CountingSmtpServer smtp, List<MimeMessage> messages, bool noDelay)
{
    var arrived = smtp.WaitForAsync(messages.Count);
    var cpu = Cpu();
    var clock = Stopwatch.StartNew();
    using var client = new SmtpClient();
    if (noDelay)
    {
        // MailKit leaves Nagle's algorithm on; the final ".\r\n" then waits for the server's delayed ACK.
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync("127.0.0.1", smtp.Port);
        await client.ConnectAsync(socket, "127.0.0.1", smtp.Port, SecureSocketOptions.None);
    }
    else
    {
        await client.ConnectAsync("127.0.0.1", smtp.Port, SecureSocketOptions.None);
    }
    foreach (var message in messages) await client.SendAsync(message);
    await client.DisconnectAsync(quit: true);
    await arrived.WaitAsync(TimeSpan.FromMinutes(10));
    return new Measured(clock.Elapsed, Cpu() - cpu);
}

// CPU time of the whole process (app, its workers and the SMTP server): unlike wall time, it hardly
// changes when other programs load the machine.
static TimeSpan Cpu() => Process.GetCurrentProcess().TotalProcessorTime;

internal sealed record AppRun(TimeSpan Request, TimeSpan Built, TimeSpan Total, TimeSpan RequestCpu, TimeSpan TotalCpu, List<MimeMessage> Messages);

internal sealed record Measured(TimeSpan Wall, TimeSpan Cpu);
