using ImageMagick;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.Extensions.Options;

namespace DialogPlanner.Web.Features.Photos;

public static class PhotoSetup
{
    /// <summary>The request-timeout policy of every action that takes an upload (<c>Requests:UploadTimeoutSeconds</c>).</summary>
    public const string UploadTimeout = "upload";

    private static readonly Lock LimitsLock = new();
    private static PhotoSettings? limitsFrom;

    /// <summary>Registers the photo store with the <c>Photos</c> settings, and sets ImageMagick's limits from them.</summary>
    public static IServiceCollection AddPhotos(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<PhotoSettings>().Bind(config.GetSection(PhotoSettings.Section))
            .Validate(s => s.MaxBytes > 0 && s.MaxWidth > 0 && s.MaxHeight > 0 && s.MaxMegapixels > 0 && s.MaxMemoryMegabytes > 0
                           && s.MaxConcurrent >= 0 && s.QueueSeconds >= 0 && s.DecodeSeconds > 0 && s.MaxSide > 0 && s.ThumbnailSide > 0,
                "Photos: the limits, sizes and times must be positive.")
            .Validate(s => s.Quality is >= 1 and <= 100, "Photos:Quality must be between 1 and 100.")
            .ValidateOnStart();
        services.AddSingleton<PhotoStore>();
        var settings = new PhotoSettings();
        config.GetSection(PhotoSettings.Section).Bind(settings);
        ApplyLimits(settings);
        return services;
    }

    /// <summary>
    /// Bounds the requests of upload actions (<c>[RequestTimeout(UploadTimeout)]</c>): their body may be four times
    /// <c>Photos:MaxBytes</c> (a photo somewhat too large still gets its clear message; beyond that Kestrel refuses
    /// it), and their form is read here under the request's token, the request timeout included. MVC reads forms
    /// without a token, so a body trickling in would outlive the timeout; here it is cut off (Kestrel then ends
    /// the connection: a cancelled body read cannot go on), and MVC uses the form already read.
    /// </summary>
    public static void UseUploadLimits(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.Request.HasFormContentType && context.GetEndpoint()?.Metadata.GetMetadata<RequestTimeoutAttribute>()?.PolicyName == UploadTimeout)
        {
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
                size.MaxRequestBodySize = 4 * context.RequestServices.GetRequiredService<IOptions<PhotoSettings>>().Value.MaxBytes;
            try
            {
                await context.Request.ReadFormAsync(context.RequestAborted);
            }
            catch (Exception e) when (e is InvalidDataException or IOException)
            {
                // A malformed or oversized form: MVC meets the same error again and answers it as it always has.
            }
        }
        await next(context);
    });

    /// <summary>
    /// ImageMagick's resource limits belong to the process, not to a request or an app instance: they are set
    /// once, by the first app built in the process (a test run builds many, all with the same limits).
    /// They are the backstop behind <see cref="PhotoCleaner"/>'s own check of the header.
    /// </summary>
    internal static void ApplyLimits(PhotoSettings settings)
    {
        lock (LimitsLock)
        {
            if (limitsFrom is not null) return;
            limitsFrom = settings;
            ResourceLimits.Width = (ulong)settings.MaxWidth;
            ResourceLimits.Height = (ulong)settings.MaxHeight;
            ResourceLimits.Area = (ulong)settings.MaxMegapixels * 1_000_000;
            ResourceLimits.Memory = (ulong)settings.MaxMemoryMegabytes * 1024 * 1024;
            // No pixel cache on disk: a photo too large for memory is refused, not slowly swapped through files.
            ResourceLimits.Disk = 0;
            // One core per decode; how many decode at once is the photo store's business.
            ResourceLimits.Thread = 1;
            ResourceLimits.ListLength = 16;
            ResourceLimits.MaxProfileSize = 4 * 1024 * 1024;
            // ResourceLimits.Time is not used: it counts from the first use of ImageMagick in the process, not per
            // photo, so a long-running server would start failing every photo; the store bounds the time instead.
        }
    }
}
