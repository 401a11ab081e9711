using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace DialogPlanner.Web.Features;

/// <summary>
/// A page that asks before what cannot be undone, or before mail goes to many people at once, and says what will
/// happen. A plain form that posts back to the same address, so it works without JavaScript. A confirmation asked
/// in the middle of a form post carries that post's fields along (<see cref="Repost"/>).
/// </summary>
public sealed record Confirmation(string Question, IReadOnlyList<string> Consequences, string ConfirmText, string CancelUrl)
{
    /// <summary>More recipients than this in one go are asked about first.</summary>
    public const int MailThreshold = 20;
    public const string ConfirmedField = "confirmed";

    public IReadOnlyList<KeyValuePair<string, string>> Repost { get; init; } = [];
    /// <summary>When set, the page asks for a reason (a required text named "reason") under this label.</summary>
    public string? ReasonLabel { get; init; }
    public string? Reason { get; init; }
    public string? ReasonError { get; init; }
    public bool Danger { get; init; } = true;

    /// <summary>The fields of the form being posted, to send again once confirmed (the form token is made anew).</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> FieldsOf(HttpRequest request) =>
        !request.HasFormContentType ? [] : request.Form
            .Where(f => f.Key is not "__RequestVerificationToken" and not ConfirmedField)
            .SelectMany(f => f.Value.Select(v => new KeyValuePair<string, string>(f.Key, v ?? ""))).ToList();
}

public static class ConfirmationResults
{
    public static ViewResult Confirm(this Controller controller, Confirmation confirmation) =>
        controller.View("~/Features/Shared/Confirm.cshtml", confirmation);

    /// <summary>
    /// Before a save that would mail more than <see cref="Confirmation.MailThreshold"/> invitees of the event as it now
    /// stands in memory: the page that says how many get what, posting the same form again once confirmed. Null when
    /// fewer would be mailed. Nothing has been saved when the page is shown.
    /// </summary>
    public static ViewResult? AskBeforeMailing(this Controller controller, Events.Event e, IStringLocalizer<SharedResource> t)
    {
        var pending = Invitations.InvitationSender.Pending(e);
        if (pending.Count <= Confirmation.MailThreshold) return null;
        int Count(Invitations.InvitationKind kind) => pending.Count(p => p.Kind == kind);
        var consequences = new List<string>();
        if (Count(Invitations.InvitationKind.Invitation) is > 0 and var invited) consequences.Add(t["{0} personer får en inbjudan nu.", invited]);
        if (Count(Invitations.InvitationKind.Update) is > 0 and var updated) consequences.Add(t["{0} personer får en uppdatering av träffen i sin kalender nu.", updated]);
        if (Count(Invitations.InvitationKind.Cancellation) is > 0 and var cancelled) consequences.Add(t["{0} personer får ett återbud nu.", cancelled]);
        return controller.Confirm(new Confirmation(t["Skicka e-post till {0} personer?", pending.Count], consequences,
            t["Spara och skicka"], controller.Request.Path + controller.Request.QueryString)
        { Repost = Confirmation.FieldsOf(controller.Request), Danger = false });
    }
}
