using System.Diagnostics;
using DialogPlanner.Tests.Infrastructure;
using DialogPlanner.Web.Features.Photos;
using ImageMagick;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;

namespace DialogPlanner.Tests.Photos;

/// <summary>
/// The photo store's bounds: decoders at most <c>MaxConcurrent</c>, a queue that turns floods away, a time per
/// photo, the request's and the app's cancellation, and originals only when asked for. Each store here is the
/// real one, with its own settings, in the app's folder.
/// </summary>
public sealed class PhotoStoreTests(ITestOutputHelper output) : IAsyncLifetime
{
    // Announces 7,000 × 5,700 and holds one row: within every limit, so ImageMagick allocates and works through
    // 40 megapixels before it finds the data missing. Slow enough to keep a decoder busy, cheap to make.
    private static readonly byte[] Slow = HostileFiles.PngAnnouncing(7_000, 5_700);

    private AppFactory app = null!;

    public async Task InitializeAsync() => app = await AppFactory.StartAsync("Sqlite");

    public async Task DisposeAsync() => await app.DisposeAsync();

    private PhotoStore Store(Action<PhotoSettings> configure, IHostApplicationLifetime? lifetime = null)
    {
        var settings = new PhotoSettings { Path = app.PhotoPath };
        configure(settings);
        return ActivatorUtilities.CreateInstance<PhotoStore>(app.Services, Options.Create(settings),
            lifetime ?? app.Services.GetRequiredService<IHostApplicationLifetime>());
    }

    private static FormFile Upload(byte[] bytes, string name = "lampa.jpg") => new(new MemoryStream(bytes), 0, bytes.Length, "Photo", name);

    private List<string> StoredFiles() =>
        Directory.Exists(app.PhotoPath) ? [.. Directory.EnumerateFiles(app.PhotoPath, "*", SearchOption.AllDirectories)] : [];

    [Fact]
    public async Task AFlood_IsTurnedAwayAsBusy_WhileEveryDecoderIsTaken()
    {
        var store = Store(s => (s.MaxConcurrent, s.QueueSeconds) = (1, 0));

        var first = store.SaveAsync(Upload(Slow), default);
        var flood = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => store.SaveAsync(Upload(TestPhotos.Jpeg()), default)));

        Assert.All(flood, answer => Assert.Equal((null, PhotoProblem.Busy), answer));
        Assert.Equal(PhotoProblem.Unreadable, (await first).Problem);
        // The decoder is free again: the next photo is taken.
        Assert.Equal(PhotoProblem.None, (await store.SaveAsync(Upload(TestPhotos.Jpeg()), default)).Problem);
    }

    [Fact]
    public async Task Uploads_WaitTheirTurn_WithinTheQueueTime()
    {
        var store = Store(s => (s.MaxConcurrent, s.QueueSeconds) = (1, 60));

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => store.SaveAsync(Upload(TestPhotos.Jpeg()), default)));

        Assert.All(answers, answer => Assert.Equal(PhotoProblem.None, answer.Problem));
        Assert.Equal(4, answers.Select(a => a.Photo!.Path).Distinct().Count());
        Assert.Equal(8, StoredFiles().Count);
    }

    [Fact]
    public async Task APhotoThatTakesTooLong_IsRefusedAtItsTime_AndNothingIsStored()
    {
        var store = Store(s => s.DecodeSeconds = 0.05);

        var clock = Stopwatch.StartNew();
        var slow = await store.SaveAsync(Upload(Slow), default);
        output.WriteLine($"Refused as too slow after {clock.ElapsedMilliseconds} ms (time per photo 50 ms).");

        Assert.Equal((null, PhotoProblem.TooSlow), slow);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"refused only after {clock.Elapsed}");
        Assert.Empty(StoredFiles());
    }

    [Fact]
    public async Task ARequestThatTimesOut_StopsWaitingAtOnce_AndTheDecoderIsFreedWhenTheWorkStops()
    {
        var store = Store(s => (s.MaxConcurrent, s.QueueSeconds) = (1, 60));
        // Well inside the slow decode even on a quiet machine, where it takes about 70 ms (at 100 ms it once finished first).
        using var requestTimeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(15));

        var clock = Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.SaveAsync(Upload(Slow), requestTimeout.Token));
        var answered = clock.Elapsed;
        // Queued behind the abandoned decode: it runs once that has stopped at its next step.
        var next = await store.SaveAsync(Upload(TestPhotos.Jpeg()), default);
        output.WriteLine($"The timed-out request ended after {answered.TotalMilliseconds:0} ms; the next photo was stored after {clock.ElapsedMilliseconds} ms.");

        Assert.True(answered < TimeSpan.FromSeconds(5), $"ended only after {answered}");
        Assert.Equal(PhotoProblem.None, next.Problem);
        Assert.Equal(2, StoredFiles().Count);
    }

    [Fact]
    public async Task APhotoOverMaxBytes_IsRefusedUnread()
    {
        var store = Store(s => s.MaxBytes = 1000);

        Assert.Equal((null, PhotoProblem.TooLarge), await store.SaveAsync(Upload(TestPhotos.Jpeg(200, 150)), default));
        Assert.Empty(StoredFiles());
    }

    [Fact]
    public async Task AnAbortedRequest_StoresNothing()
    {
        var store = Store(_ => { });
        using var aborted = new CancellationTokenSource();
        aborted.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.SaveAsync(Upload(TestPhotos.Jpeg()), aborted.Token));

        Assert.Empty(StoredFiles());
    }

    [Fact]
    public async Task WhenTheAppStops_DecodesInProgressAndWaiting_AnswerBusyAtOnce_AndStoreNothing()
    {
        var lifetime = new ApplicationLifetime(NullLogger<ApplicationLifetime>.Instance);
        var store = Store(s => (s.MaxConcurrent, s.QueueSeconds, s.DecodeSeconds) = (1, 60, 60), lifetime);
        var running = store.SaveAsync(Upload(Slow), default);
        var waiting = store.SaveAsync(Upload(TestPhotos.Jpeg()), default);

        var clock = Stopwatch.StartNew();
        lifetime.StopApplication();
        var answers = await Task.WhenAll(running, waiting);

        Assert.All(answers, answer => Assert.Equal((null, PhotoProblem.Busy), answer));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"answered only after {clock.Elapsed}");
        Assert.Empty(StoredFiles());
    }

    [Fact]
    public async Task Originals_AreKeptOnlyWhenAskedFor_AndNeverServed()
    {
        var upload = TestPhotos.Jpeg();
        var (plain, _) = await Store(_ => { }).SaveAsync(Upload(upload), default);
        Assert.False(Directory.Exists(Path.Combine(app.PhotoPath, "originals")));

        var keeping = Store(s => s.KeepOriginals = true);
        var (kept, problem) = await keeping.SaveAsync(Upload(upload), default);

        Assert.Equal(PhotoProblem.None, problem);
        var original = Path.Combine("originals", kept!.Path);
        Assert.Equal(upload, await File.ReadAllBytesAsync(Path.Combine(app.PhotoPath, original)));
        using (var image = new MagickImage(Path.Combine(app.PhotoPath, original)))
            Assert.NotNull(image.GetExifProfile()!.GetValue(ExifTag.GPSLatitude));
        Assert.Null(keeping.FullPath(original));
        Assert.Null(keeping.FullPath("../" + Path.GetFileName(app.PhotoPath) + "/" + original));
        Assert.NotNull(keeping.FullPath(kept.Path));
        TestPhotos.AssertClean(await File.ReadAllBytesAsync(keeping.FullPath(kept.Path)!), "the stored photo").Dispose();

        keeping.Delete(kept);
        Assert.Equal(2, StoredFiles().Count); // the plain one's photo and thumbnail; the kept one is gone with its original
        Assert.NotNull(keeping.FullPath(plain!.Path));
    }
}
