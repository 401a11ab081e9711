using Microsoft.AspNetCore.Mvc;

namespace DialogPlanner.Web.Features.Walks;

/// <summary>Photos of findings and of closed tasks, kept outside wwwroot so only authorised pages can serve them.</summary>
public sealed class PhotoStore(IConfiguration config, IHostEnvironment env)
{
    public long MaxBytes => config.GetValue<long?>("Walks:MaxPhotoBytes") ?? 10 * 1024 * 1024;

    private string Root => Path.GetFullPath(Path.Combine(env.ContentRootPath, config["Walks:PhotoPath"] ?? "App_Data/photos"));

    public sealed record Saved(string Path, string ContentType);

    public enum Problem { None, TooLarge, NotAPhoto }

    /// <summary>Checks the upload by its content, strips position metadata and stores it; returns the problem otherwise.</summary>
    public async Task<(Saved? Photo, Problem Problem)> SaveAsync(IFormFile file, CancellationToken ct = default)
    {
        if (file.Length > MaxBytes) return (null, Problem.TooLarge);
        using var buffer = new MemoryStream((int)file.Length);
        await file.CopyToAsync(buffer, ct);
        var bytes = buffer.ToArray();
        var type = PhotoFormat.Sniff(bytes.AsSpan(0, Math.Min(bytes.Length, 32)));
        if (type is null) return (null, Problem.NotAPhoto);
        var relative = System.IO.Path.Combine(DateTime.UtcNow.ToString("yyyy-MM"), $"{Guid.NewGuid():N}.{PhotoFormat.Extensions[type]}");
        var full = System.IO.Path.Combine(Root, relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        await File.WriteAllBytesAsync(full, PhotoFormat.StripMetadata(bytes, type), ct);
        return (new Saved(relative.Replace('\\', '/'), type), Problem.None);
    }

    /// <summary>The photo as a response, or 404 when there is none; the one way every page serves a stored photo.</summary>
    public IActionResult Serve(string? relative, string? contentType)
    {
        var full = relative is null ? null : FullPath(relative);
        return full is null ? new NotFoundResult() : new PhysicalFileResult(full, contentType ?? "application/octet-stream");
    }

    /// <summary>The stored file, or null if the path is not inside the store (never trust a stored path blindly).</summary>
    public string? FullPath(string relative)
    {
        var full = System.IO.Path.GetFullPath(System.IO.Path.Combine(Root, relative));
        return full.StartsWith(Root + System.IO.Path.DirectorySeparatorChar, StringComparison.Ordinal) && File.Exists(full) ? full : null;
    }
}
