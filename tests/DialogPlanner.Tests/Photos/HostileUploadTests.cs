using System.Net;
using DialogPlanner.Tests.Infrastructure;
using DialogPlanner.Web.Features.Photos;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace DialogPlanner.Tests.Photos;

/// <summary>
/// Issue 10: a 60-byte PNG once held a core forever. Every file of <see cref="HostileFiles"/> goes to both
/// upload forms; each gets its answer within 5 seconds, a clear refusal or a cleaned photo, and the app lives on.
/// </summary>
public sealed class HostileUploadTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(5);

    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task HostileFiles_ToTheRecorderAndTheAfterPhoto_AreAnsweredWithinSeconds_AndNothingKeptCarriesMetadata(string provider)
    {
        await using var app = await AppFactory.StartAsync(provider);
        var uploads = await PhotoUploads.SeedAsync(app);
        var stored = 0;

        foreach (var file in HostileFiles.All())
        {
            var recorded = await uploads.RecordAsync(file.Bytes, file.FileName, Deadline);
            var afterPhoto = await uploads.AfterPhotoAsync(file.Bytes, file.FileName, Deadline);
            output.WriteLine($"{file.Name} ({file.Bytes.Length:N0} bytes): recorder {(int)recorded.Response.StatusCode} in {recorded.Took.TotalMilliseconds:0} ms, " +
                             $"after-photo {(int)afterPhoto.Response.StatusCode} in {afterPhoto.Took.TotalMilliseconds:0} ms");

            if (file.Expected == PhotoProblem.None)
            {
                stored++;
                Assert.True(recorded.Response.StatusCode == HttpStatusCode.Created, $"{file.Name}: recorder answered {recorded.Response.StatusCode}");
                var finding = await PhotoUploads.CreatedFindingAsync(recorded.Response);
                await AssertServedCleanAsync(uploads.Phone, $"/w/{uploads.Token}/findings/{finding}/photo", file.Name);
                Assert.True(afterPhoto.Response.StatusCode == HttpStatusCode.Redirect, $"{file.Name}: after-photo answered {afterPhoto.Response.StatusCode}");
                // Checked now: the next upload replaces the task's photo.
                await AssertServedCleanAsync(uploads.Owner, $"/tasks/{uploads.TaskId}/after-photo", file.Name);
            }
            else
            {
                var message = PhotoUploads.Messages[file.Expected];
                // The phone's queue drops a finding only on a 400 with errors: the refusal is final, not retried forever.
                Assert.Equal(message, await PhotoUploads.RecorderRefusalAsync(recorded.Response));
                Assert.Equal(HttpStatusCode.OK, afterPhoto.Response.StatusCode);
                Assert.Equal(message, (await afterPhoto.Response.ReadDocumentAsync()).QuerySelector("#AfterPhoto-error")?.TextContent);
            }
        }

        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync("/health")).StatusCode);
        await using var db = app.CreateDbContext();
        Assert.Equal(stored, await db.Findings.CountAsync(f => f.PhotoPath != null));
        // Only what was taken is on disk (photo and thumbnail, twice each), and none of it carries metadata.
        var files = Directory.EnumerateFiles(app.PhotoPath, "*", SearchOption.AllDirectories).ToList();
        Assert.Equal(stored * 2 * 2, files.Count);
        foreach (var path in files) TestPhotos.AssertClean(await File.ReadAllBytesAsync(path), Path.GetFileName(path)).Dispose();
    }

    /// <summary>The photo and its thumbnail, as served to the page, are JPEGs without any metadata.</summary>
    private static async Task AssertServedCleanAsync(HttpClient client, string url, string what)
    {
        using var photo = TestPhotos.AssertClean(await client.GetByteArrayAsync(url), what);
        using var thumbnail = TestPhotos.AssertClean(await client.GetByteArrayAsync(url + "?thumbnail=true"), what + ", thumbnail");
        Assert.True(thumbnail.Width <= 320 && thumbnail.Height <= 320);
    }
}
