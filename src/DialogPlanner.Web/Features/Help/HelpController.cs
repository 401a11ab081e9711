using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace DialogPlanner.Web.Features.Help;

/// <summary>
/// How the year's loop works in the app, for every signed-in user whatever their role. It reads nothing from the
/// database, and so is also the ceiling that bench/pages.sh measures the other pages against: the layout alone.
/// </summary>
[Authorize]
public sealed class HelpController : Controller
{
    [HttpGet("/help")]
    public IActionResult Index() => View();
}
