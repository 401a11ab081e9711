using DialogPlanner.Web.Data;
using DialogPlanner.Web.Features.Accounts;
using DialogPlanner.Web.Features.Invitations;
using DialogPlanner.Web.Mail;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace DialogPlanner.Web.Features.Tasks;

/// <summary>
/// The e-mails about a task to the organisation that must act on it: "assigned to you" and "overdue".
/// They go to the organisation's task owners, or to its own address when it has none, and hold what
/// the task needs (what, where, by when, a link) and nobody's personal data: no reporter, no participant.
/// </summary>
public sealed class TaskMail(EmailTemplates templates, Outbox outbox)
{
    public const string Assigned = "task-assigned";
    public const string Overdue = "task-overdue";

    private sealed record Recipient(string Email, string? Name, MailLanguage Language);

    /// <summary>Adds one message per recipient to <paramref name="db"/> without saving; returns how many.</summary>
    /// <param name="task">Saved (it needs its id for the link), with its findings loaded.</param>
    public async Task<int> QueueAsync(AppDbContext db, FollowUpTask task, string kind, string baseUrl, CancellationToken ct = default)
    {
        var organisation = await db.Organisations.AsNoTracking().SingleAsync(o => o.Id == task.ResponsibleOrganisationId, ct);
        var recipients = await RecipientsAsync(db, organisation, ct);
        if (recipients.Count == 0) return 0;
        var walkIds = task.Findings.Select(f => f.EventId).Distinct().ToList();
        var walks = await db.Events.AsNoTracking().Where(e => walkIds.Contains(e.Id)).OrderBy(e => e.StartsAtUtc).ToListAsync(ct);
        var municipality = await db.Municipalities.AsNoTracking().Where(m => m.Id == task.MunicipalityId).Select(m => m.Name).SingleAsync(ct);
        foreach (var recipient in recipients)
        {
            var t = recipient.Language;
            var model = new Dictionary<string, object?>
            {
                ["title"] = task.Title,
                ["description_lines"] = Lines(task.Description),
                ["organisation"] = organisation.Name,
                ["municipality"] = municipality,
                ["due_date"] = t.Date(task.DueDate),
                ["priority"] = t[EnumTexts.Of(task.Priority)].Value,
                ["status"] = t[EnumTexts.Of(task.Status)].Value,
                ["task_url"] = $"{baseUrl}/tasks/{task.Id}",
                ["recipient_name"] = recipient.Name ?? "",
                ["walks"] = walks.Select(w => $"{w.Title}, {StockholmTime.FromUtc(w.StartsAtUtc).ToString("d MMMM yyyy", t.Culture)}").ToList(),
                ["findings"] = task.Findings.OrderBy(f => f.Id).Select(f => new Dictionary<string, object?>
                {
                    ["category"] = t[EnumTexts.Of(f.Category)].Value,
                    ["description"] = f.Description,
                    ["place"] = f.Place ?? "",
                }).ToList(),
            };
            var texts = templates.Render(t.Code, kind, model);
            outbox.Enqueue(db, Message(recipient.Email, recipient.Name, texts), kind);
        }
        return recipients.Count;
    }

    /// <summary>The organisation's task owners; its own address only when it has none, so nobody gets the mail twice.</summary>
    private static async Task<List<Recipient>> RecipientsAsync(AppDbContext db, Organisations.Organisation organisation, CancellationToken ct)
    {
        var owners = await (
            from user in db.Users
            join userRole in db.UserRoles on user.Id equals userRole.UserId
            join role in db.Roles on userRole.RoleId equals role.Id
            where role.Name == Roles.TaskOwner && user.OrganisationId == organisation.Id && user.Email != null
            orderby user.Email
            select new { Email = user.Email!, user.DisplayName }).ToListAsync(ct);
        var addresses = owners.Count > 0 ? owners.Select(o => o.Email).ToList() : organisation.Email is { Length: > 0 } own ? [own] : [];
        if (addresses.Count == 0) return [];
        // An account has no language; a contact card with the same address in the municipality may have one.
        var normalized = addresses.Select(EmailAddress.Normalize).ToList();
        var languages = await db.Contacts.AsNoTracking()
            .Where(c => c.MunicipalityId == organisation.MunicipalityId && normalized.Contains(c.NormalizedEmail))
            .Select(c => new { c.NormalizedEmail, c.Language }).ToListAsync(ct);
        string? LanguageOf(string email) => languages.FirstOrDefault(c => c.NormalizedEmail == EmailAddress.Normalize(email))?.Language;
        return owners.Count > 0
            ? owners.Select(o => new Recipient(o.Email, o.DisplayName, MailLanguage.Of(LanguageOf(o.Email)))).ToList()
            : [new Recipient(addresses[0], organisation.Name, MailLanguage.Of(LanguageOf(addresses[0])))];
    }

    public static List<string> Lines(string? text) =>
        string.IsNullOrWhiteSpace(text) ? [] : text.ReplaceLineEndings("\n").Trim().Split('\n').ToList();

    public static MimeMessage Message(string email, string? name, RenderedEmail texts)
    {
        var message = new MimeMessage();
        message.To.Add(new MailboxAddress(name, email));
        message.Subject = texts.Subject;
        message.Body = texts.Alternative();
        return message;
    }
}
