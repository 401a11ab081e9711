using System.Net;
using DialogPlanner.Tests.Infrastructure;
using ImageMagick;

namespace DialogPlanner.Tests.Photos;

/// <summary>What people see of a photo: lists show the thumbnail, which links to the whole (cleaned) photo.</summary>
public sealed class PhotoDisplayTests
{
    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AGoodPhotoOfEachKind_IsShownAsAThumbnail_LinkingToTheWholePhoto(string provider)
    {
        await using var app = await AppFactory.StartAsync(provider);
        var uploads = await PhotoUploads.SeedAsync(app);
        var kinds = new (string File, byte[] Bytes)[]
        {
            ("lampa.jpg", TestPhotos.Jpeg(1200, 900)), ("lampa.png", TestPhotos.Make(MagickFormat.Png)),
            ("lampa.webp", TestPhotos.Make(MagickFormat.WebP)), ("IMG_0004.HEIC", TestPhotos.Heic()),
        };
        foreach (var (file, bytes) in kinds)
            Assert.Equal(HttpStatusCode.Created, (await uploads.RecordAsync(bytes, file, TimeSpan.FromSeconds(30))).Response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await uploads.AfterPhotoAsync(TestPhotos.Jpeg(1200, 900), "efter.jpg", TimeSpan.FromSeconds(30))).Response.StatusCode);

        // The protocol shows findings the organiser approved (moderation): all of them, from the walk page.
        var walkPage = await uploads.Organiser.GetDocumentAsync($"/walks/{uploads.WalkId}");
        Assert.Equal(HttpStatusCode.Redirect, (await uploads.Organiser.PostAsync($"/walks/{uploads.WalkId}/findings/approve",
            new FormUrlEncodedContent(walkPage.FormFields("#approve-shown")))).StatusCode);
        // The organiser's walk page and protocol, and the task page: each picture a thumbnail, each a link to the whole photo.
        foreach (var url in new[] { $"/walks/{uploads.WalkId}", $"/walks/{uploads.WalkId}/protocol" })
        {
            var thumbnails = (await uploads.Organiser.GetDocumentAsync(url)).QuerySelectorAll("a > img.thumb").ToList();
            Assert.Equal(kinds.Length, thumbnails.Count);
            foreach (var img in thumbnails) await AssertThumbnailOfAsync(uploads.Organiser, img.GetAttribute("src")!, img.ParentElement!.GetAttribute("href")!);
        }
        var after = (await uploads.Owner.GetDocumentAsync($"/tasks/{uploads.TaskId}")).QuerySelector("a > img.thumb")!;
        var (photo, _) = await AssertThumbnailOfAsync(uploads.Owner, after.GetAttribute("src")!, after.ParentElement!.GetAttribute("href")!);
        Assert.Equal((1200u, 900u), photo);
    }

    private static async Task<((uint, uint) Photo, (uint, uint) Thumbnail)> AssertThumbnailOfAsync(HttpClient client, string src, string href)
    {
        Assert.Equal(href, src.Split('?')[0]);
        Assert.Contains("thumbnail=true", src, StringComparison.OrdinalIgnoreCase);
        using var thumbnail = TestPhotos.AssertClean(await client.GetByteArrayAsync(src), src);
        using var photo = TestPhotos.AssertClean(await client.GetByteArrayAsync(href), href);
        Assert.True(thumbnail.Width <= 320 && thumbnail.Height <= 320, $"{src} is {thumbnail.Width} × {thumbnail.Height}");
        Assert.True(TestPhotos.IsMark(thumbnail, 1, 1), $"{src} shows the picture");
        return ((photo.Width, photo.Height), (thumbnail.Width, thumbnail.Height));
    }
}
