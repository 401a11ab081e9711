using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.Extensions.Localization;

namespace DialogPlanner.Web.Features.Shared;

/// <summary>Why a personal link (answer, recorder, calendar feed) does not work: said in words, never a bare error.</summary>
public enum LinkGoneReason
{
    /// <summary>No such link: mistyped, cut off by a mail program, or replaced by a new one.</summary>
    Unknown,
    /// <summary>The invitee was taken off the list.</summary>
    Revoked,
    /// <summary>The feed's owner no longer has a role that sees it, or the account is locked.</summary>
    FeedRevoked,
}

/// <summary>The page for a personal link that no longer works: 404 for an unknown one, 410 Gone for one that once did.</summary>
public static class LinkGone
{
    public const string View = "/Features/Shared/LinkGone.cshtml";

    /// <summary>What the page says about why, in the visitor's language.</summary>
    public static string Explanation(LinkGoneReason reason, IStringLocalizer t) => reason switch
    {
        LinkGoneReason.Revoked => t["Du är inte längre med på listan över inbjudna, så den här personliga länken tar inte emot något mer. Kontakta arrangören om det är fel."],
        LinkGoneReason.FeedRevoked => t["Kalenderprenumerationen har stängts, eftersom kontot inte längre har behörighet eller är spärrat. Be en administratör om hjälp om du behöver den."],
        _ => t["Länken finns inte. Kontrollera att hela adressen kom med från e-postmeddelandet, eller be arrangören om en ny länk."],
    };

    public static IActionResult Page(Controller controller, LinkGoneReason reason) => new ViewResult
    {
        ViewName = View,
        ViewData = new ViewDataDictionary<LinkGoneReason>(controller.ViewData, reason),
        TempData = controller.TempData,
        StatusCode = reason == LinkGoneReason.Unknown ? StatusCodes.Status404NotFound : StatusCodes.Status410Gone,
    };
}
