using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using DialogPlanner.Tests.Infrastructure;
using DialogPlanner.Web.Features.Invitations;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace DialogPlanner.Tests.Photos;

/// <summary>
/// Bounded work per request: an upload that never finishes is cut off at its request timeout, and the app
/// stops within its shutdown timeout even while such an upload is still coming in.
/// </summary>
public sealed partial class BoundedUploadTests(ITestOutputHelper output)
{
    /// <summary>On a real port (Kestrel, not the in-memory test server), as a phone on a poor connection sends it.</summary>
    [Fact]
    public async Task AnUploadTricklingIn_IsCutOffAtItsRequestTimeout_AndNothingIsStored()
    {
        await using var app = new AppFactory(await TestDatabase.CreateAsync("Sqlite"), new Dictionary<string, string?> { ["Requests:UploadTimeoutSeconds"] = "2" });
        app.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        app.StartServer();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        var (_, _, token) = await PhotoUploads.AddWalkAsync(app);

        using var upload = new TcpClient();
        await upload.ConnectAsync(address.Host, address.Port);
        var stream = upload.GetStream();
        await StartUploadAsync(stream, address, $"/w/{token}/findings");
        using var stopTrickle = new CancellationTokenSource();
        var trickle = TrickleAsync(stream, stopTrickle.Token);

        // Kestrel cannot resume a body read that was cancelled: at the timeout it ends the connection, and the
        // phone's queue sees a broken upload that it tries again later. Without the timeout this one would run 17 minutes.
        var clock = Stopwatch.StartNew();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        string answer;
        try
        {
            answer = await new StreamReader(stream, Encoding.ASCII).ReadLineAsync(deadline.Token) ?? "connection closed";
        }
        catch (IOException e) when (e.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionReset })
        {
            answer = "connection reset";
        }
        var ended = clock.Elapsed;
        stopTrickle.Cancel();
        output.WriteLine($"An upload trickling in at 10 kB/s ended ({answer}) after {ended.TotalMilliseconds:0} ms, {trickle.Sent:N0} bytes in (request timeout 2 s).");

        Assert.True(answer is "connection reset" or "connection closed" || answer.StartsWith("HTTP/1.1 504"), answer);
        Assert.True(ended < TimeSpan.FromSeconds(2 + 10), $"the upload went on for {ended}");
        await using var db = app.CreateDbContext();
        Assert.Equal(0, await db.Findings.CountAsync());
        Assert.False(Directory.Exists(app.PhotoPath) && Directory.EnumerateFiles(app.PhotoPath, "*", SearchOption.AllDirectories).Any());
        // Requests that take no upload keep the general timeout: the recorder page itself answers.
        using var http = new HttpClient { BaseAddress = address };
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"/w/{token}")).StatusCode);
    }

    /// <summary>The real executable, stopped the way a service manager stops it (SIGTERM), with an upload in flight.</summary>
    [Fact]
    public async Task TheApp_StopsWithinItsShutdownTimeout_WhileASlowUploadIsStillComingIn()
    {
        const int shutdownSeconds = 3;
        await using var database = await TestDatabase.CreateAsync("Sqlite");
        var photos = Path.Combine(Path.GetTempPath(), $"dialogplanner-photos-{Guid.NewGuid():N}");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "DialogPlanner.Web.dll"), "--urls", "http://127.0.0.1:0" }) start.ArgumentList.Add(arg);
        start.Environment["DOTNET_ENVIRONMENT"] = start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Database__Provider"] = database.Provider;
        start.Environment["ConnectionStrings__DialogPlanner"] = database.ConnectionString;
        start.Environment["Photos__Path"] = photos;
        start.Environment["Host__ShutdownTimeoutSeconds"] = shutdownSeconds.ToString();
        using var process = Process.Start(start)!;
        var log = new StringBuilder();
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            lock (log) log.AppendLine(e.Data);
            if (e.Data is not null && ListeningOn().Match(e.Data) is { Success: true } m) listening.TrySetResult(new Uri(m.Groups[1].Value));
        };
        process.ErrorDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var address = await listening.Task.WaitAsync(TimeSpan.FromSeconds(120));
            using var http = new HttpClient { BaseAddress = address };
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health")).StatusCode);

            // A phone on a poor connection: 10 MB announced, a kilobyte every tenth of a second.
            using var upload = new TcpClient();
            await upload.ConnectAsync(address.Host, address.Port);
            var stream = upload.GetStream();
            await StartUploadAsync(stream, address, $"/w/{Invitation.NewToken()}/findings");
            using var stopTrickle = new CancellationTokenSource();
            var trickle = TrickleAsync(stream, stopTrickle.Token);
            await Eventually.UntilAsync(() => Task.FromResult(trickle.Sent), sent => sent >= 8 * 1024, "the upload to be under way");

            var clock = Stopwatch.StartNew();
            using (var term = Process.Start("kill", ["-TERM", process.Id.ToString()])) await term.WaitForExitAsync();
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync(limit.Token);
            var stopped = clock.Elapsed;
            stopTrickle.Cancel();
            output.WriteLine($"Stopped {stopped.TotalMilliseconds:0} ms after SIGTERM (shutdown timeout {shutdownSeconds} s), exit code {process.ExitCode}; " +
                             $"the upload had sent {trickle.Sent:N0} bytes, and the connection was {(trickle.Closed ? "closed by the server" : "still open")}.");

            Assert.True(stopped < TimeSpan.FromSeconds(shutdownSeconds + 5), $"took {stopped} to stop; output:\n{log}");
            Assert.Equal(0, process.ExitCode);
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            if (Directory.Exists(photos)) Directory.Delete(photos, recursive: true);
        }
    }

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex ListeningOn();

    /// <summary>The start of a photo upload of 10 MB: headers, and the photo's part up to its first bytes.</summary>
    private static async Task StartUploadAsync(NetworkStream stream, Uri address, string path) =>
        await stream.WriteAsync(Encoding.ASCII.GetBytes(
            $"POST {path} HTTP/1.1\r\nHost: {address.Authority}\r\nContent-Type: multipart/form-data; boundary=b\r\nContent-Length: {10 * 1024 * 1024}\r\n\r\n" +
            "--b\r\nContent-Disposition: form-data; name=\"Photo\"; filename=\"lampa.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n"));

    /// <summary>Keeps sending a kilobyte every tenth of a second until the server closes the connection or the test stops it.</summary>
    private static Trickle TrickleAsync(NetworkStream stream, CancellationToken stop)
    {
        var trickle = new Trickle();
        trickle.Task = Task.Run(async () =>
        {
            var chunk = new byte[1024];
            using var every = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
            try
            {
                while (await every.WaitForNextTickAsync(stop))
                {
                    await stream.WriteAsync(chunk, stop);
                    Interlocked.Add(ref trickle.SentBytes, chunk.Length);
                }
            }
            catch (Exception e) when (e is IOException or SocketException)
            {
                trickle.Closed = true;
            }
            catch (OperationCanceledException)
            {
            }
        });
        return trickle;
    }

    private sealed class Trickle
    {
        public long SentBytes;
        public long Sent => Interlocked.Read(ref SentBytes);
        public volatile bool Closed;
        public Task Task = Task.CompletedTask;
    }
}
