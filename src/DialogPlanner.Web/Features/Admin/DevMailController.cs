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
    private const int Shown = 200;

    [HttpGet("")]
    public IActionResult Index()
    {
        var folder = new DirectoryInfo(settings.Value.PickupDirectory);
        ViewData["Folder"] = folder.FullName;
        // The names start with the delivery time, so name order is time order.
        var files = folder.Exists ? folder.EnumerateFiles("*" + PickupFolderTransport.Extension).OrderByDescending(f => f.Name).Take(Shown) : [];
        return View(files.Select(PickupMail.Load).ToList());
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
