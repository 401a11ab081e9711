using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace DialogPlanner.Web.Features.Photos;

/// <summary>
/// Photos of findings and of closed tasks, kept outside wwwroot so only authorised pages can serve them. Every
/// upload is cleaned by <see cref="PhotoCleaner"/> first; what is stored is a JPEG without metadata and its
/// thumbnail beside it (<c>name.jpg</c>, <c>name.thumb.jpg</c>). The upload as it came is kept only with
/// <c>Photos:KeepOriginals</c>, under <c>originals/</c>, which nothing serves.
/// </summary>
public sealed class PhotoStore(IOptions<PhotoSettings> options, IHostEnvironment env, IHostApplicationLifetime lifetime, ILogger<PhotoStore> log)
{
    private const string Originals = "originals";

    public PhotoSettings Settings { get; } = options.Value;

    // Decoding is all CPU: at most one per core, so that a flood of uploads waits here (or is turned away)
    // instead of every request decoding at once and the pages of everyone else stalling behind them.
    private readonly SemaphoreSlim decoders = new(options.Value.Concurrency, options.Value.Concurrency);

    private string Root => Path.GetFullPath(Path.Combine(env.ContentRootPath, Settings.Path));

    public sealed record Saved(string Path, string ContentType);

    /// <summary>
    /// Cleans the upload and stores it with its thumbnail, or says why not; nothing is stored then. Honours
    /// <paramref name="requestAborted"/> (the request's timeout included) and the app stopping while it waits.
    /// </summary>
    public async Task<(Saved? Photo, PhotoProblem Problem)> SaveAsync(IFormFile file, CancellationToken requestAborted)
    {
        if (file.Length > Settings.MaxBytes) return (null, PhotoProblem.TooLarge);
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(requestAborted, lifetime.ApplicationStopping);
        try
        {
            if (!await decoders.WaitAsync(TimeSpan.FromSeconds(Settings.QueueSeconds), waiting.Token)) return (null, PhotoProblem.Busy);
        }
        catch (OperationCanceledException) when (!requestAborted.IsCancellationRequested)
        {
            return (null, PhotoProblem.Busy); // stopping: the phone tries again with the next instance
        }

        // From here the decoder is taken until the work really ends, even if nobody waits for it any more:
        // ImageMagick cannot be interrupted inside a step, and a step still running still holds its core.
        var deadline = CancellationTokenSource.CreateLinkedTokenSource(waiting.Token);
        deadline.CancelAfter(TimeSpan.FromSeconds(Settings.DecodeSeconds));
        var cleaning = Task.Run(async () =>
        {
            try
            {
                var upload = await ReadAsync(file, deadline.Token);
                return (Upload: upload, Cleaned: PhotoCleaner.Clean(upload, Settings, deadline.Token));
            }
            finally
            {
                decoders.Release();
                deadline.Dispose();
            }
        }, CancellationToken.None);

        (byte[] Upload, PhotoCleaner.Cleaned Cleaned) done;
        try
        {
            done = await cleaning.WaitAsync(TimeSpan.FromSeconds(Settings.DecodeSeconds), waiting.Token);
        }
        catch (PhotoRefusedException refused)
        {
            return (null, refused.Problem);
        }
        catch (Exception e) when ((e is TimeoutException or OperationCanceledException) && !requestAborted.IsCancellationRequested)
        {
            _ = cleaning.ContinueWith(t => t.Exception, TaskContinuationOptions.OnlyOnFaulted); // observed; it ends on its own
            if (lifetime.ApplicationStopping.IsCancellationRequested) return (null, PhotoProblem.Busy);
            log.LogWarning("A photo of {Bytes} bytes took more than {Seconds} s to clean and was refused.", file.Length, Settings.DecodeSeconds);
            return (null, PhotoProblem.TooSlow);
        }
        return (await WriteAsync(done.Cleaned, done.Upload), PhotoProblem.None);
    }

    private static async Task<byte[]> ReadAsync(IFormFile file, CancellationToken cancel)
    {
        using var buffer = new MemoryStream((int)file.Length);
        await file.CopyToAsync(buffer, cancel);
        return buffer.ToArray();
    }

    /// <summary>Writes the photo, its thumbnail and maybe the original; all or none of them.</summary>
    private async Task<Saved> WriteAsync(PhotoCleaner.Cleaned cleaned, byte[] upload)
    {
        var name = Path.Combine(DateTime.UtcNow.ToString("yyyy-MM"), Guid.NewGuid().ToString("N")).Replace('\\', '/');
        var saved = new Saved(name + ".jpg", PhotoCleaner.ContentType);
        var files = new List<(string Path, byte[] Bytes)> { (saved.Path, cleaned.Photo), (ThumbnailOf(saved.Path), cleaned.Thumbnail) };
        if (Settings.KeepOriginals) files.Add(($"{Originals}/{name}.{cleaned.OriginalExtension}", upload));
        try
        {
            foreach (var (relative, bytes) in files)
            {
                var full = Path.Combine(Root, relative);
                Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                // Not the request's token: once cleaned, the photo is written whole even if the phone has gone.
                await File.WriteAllBytesAsync(full, bytes, CancellationToken.None);
            }
        }
        catch
        {
            Delete(saved);
            throw;
        }
        return saved;
    }

    /// <summary>Removes a stored photo with its thumbnail and original, e.g. when the row that was to name it was not saved.</summary>
    public void Delete(Saved saved)
    {
        var name = saved.Path[..^".jpg".Length];
        // A photo already gone (its folder too) is what deleting it wants.
        foreach (var relative in new[] { saved.Path, ThumbnailOf(saved.Path) })
            if (File.Exists(Path.Combine(Root, relative))) File.Delete(Path.Combine(Root, relative));
        var originals = Path.Combine(Root, Originals, Path.GetDirectoryName(name)!);
        if (Directory.Exists(originals))
            foreach (var original in Directory.EnumerateFiles(originals, Path.GetFileName(name) + ".*")) File.Delete(original);
    }

    /// <summary>
    /// Only what <see cref="PhotoCleaner"/> wrote goes on public pages. Photos from before it (HEIC kept as
    /// taken) have another content type and stay internal.
    /// </summary>
    public static bool CanBeShownPublicly(string? contentType) => contentType == PhotoCleaner.ContentType;

    public static string ThumbnailOf(string relative) => Path.ChangeExtension(relative, ".thumb.jpg");

    /// <summary>
    /// The photo (or its thumbnail) as a response, or 404 when there is none; the one way every page serves a
    /// stored photo. A photo stored before thumbnails existed is served whole in its place.
    /// </summary>
    public IActionResult Serve(string? relative, string? contentType, bool thumbnail = false)
    {
        var full = relative is null ? null : (thumbnail ? FullPath(ThumbnailOf(relative)) : null) ?? FullPath(relative);
        return full is null ? new NotFoundResult() : new PhysicalFileResult(full, contentType ?? "application/octet-stream");
    }

    /// <summary>
    /// The stored file, or null if the path is not inside the store or points at the originals (never trust a
    /// stored path blindly, and never serve an original: it still carries where it was taken).
    /// </summary>
    public string? FullPath(string relative)
    {
        var full = Path.GetFullPath(Path.Combine(Root, relative));
        var inside = full.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                     && !full.StartsWith(Path.Combine(Root, Originals) + Path.DirectorySeparatorChar, StringComparison.Ordinal);
        return inside && File.Exists(full) ? full : null;
    }
}
