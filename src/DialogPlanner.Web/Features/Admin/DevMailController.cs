using System.Text.RegularExpressions;
using DialogPlanner.Web.Features.Accounts;
using DialogPlanner.Web.Mail;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace DialogPlanner.Web.Features.Admin;

/// <summary>
/// Development only: the mail that the pickup folder transport wrote instead of sending, so that a
/// newcomer can see what the app would send without a mail server.
/// </summary>
[DevelopmentOnly]
[Authorize(Policy = IdentitySetup.OrganiserPolicy)]
[Route("dev/mail")]
public sealed partial class DevMailController(IOptions<MailSettings> settings) : Controller
{
    /// <summary>Newest first, 50 a page: only the files of the page are opened and parsed.</summary>
    [HttpGet("")]
    public IActionResult Index(int? page)
    {
        var folder = new DirectoryInfo(settings.Value.PickupDirectory);
        ViewData["Folder"] = folder.FullName;
        // The names start with the delivery time, so name order is time order.
        var files = folder.Exists ? folder.EnumerateFiles("*" + PickupFolderTransport.Extension).OrderByDescending(f => f.Name).ToList() : [];
        var info = new PageInfo(1, PageInfo.DefaultSize, files.Count);
        info = info with { Number = Math.Clamp(page ?? 1, 1, info.Count) };
        var rows = files.Skip((info.Number - 1) * info.Size).Take(info.Size).Select(PickupMail.Load).ToList();
        return View(new Paged<PickupMail>(rows, info));
    }

    [HttpGet("{name}")]
    public IActionResult Show(string name) => Find(name) is { } file ? View(PickupMail.Load(file)) : NotFound();

    [HttpGet("{name}/raw")]
    public IActionResult Raw(string name) =>
        Find(name) is { } file ? PhysicalFile(file.FullName, "message/rfc822", file.Name) : NotFound();

    /// <summary>Only plain file names of the pickup folder: nothing else on disk can be reached through the URL.</summary>
    private FileInfo? Find(string name)
    {
        if (!FileName().IsMatch(name)) return null;
        var file = new FileInfo(Path.Combine(settings.Value.PickupDirectory, name));
        return file.Exists ? file : null;
    }

    [GeneratedRegex(@"^[A-Za-z0-9_-][A-Za-z0-9._-]*\.eml$")]
    private static partial Regex FileName();
}
