using DialogPlanner.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace DialogPlanner.Web.Features.Invitations;

/// <summary>
/// On an event's invitee list: calendar answers that named this event but changed nothing, so the
/// organiser knows to ask the invitee. The page itself decides who may see the event.
/// </summary>
public sealed class SetAsideRepliesViewComponent(AppDbContext db) : ViewComponent
{
    private const int Shown = 50;

    public async Task<IViewComponentResult> InvokeAsync(int eventId)
    {
        var replies = await db.SetAsideReplies.AsNoTracking().Where(r => r.EventId == eventId)
            .OrderByDescending(r => r.ReceivedAtUtc).ThenByDescending(r => r.Id).Take(Shown).ToListAsync();
        return replies.Count == 0
            ? Content("")
            : View("~/Features/Invitations/Views/_EventSetAsideReplies.cshtml", replies);
    }
}
