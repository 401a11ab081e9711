using DialogPlanner.Web.Data;
using DialogPlanner.Web.Features.Accounts;
using DialogPlanner.Web.Features.Organisations;
using DialogPlanner.Web.Mail;
using Microsoft.EntityFrameworkCore;

namespace DialogPlanner.Web.Features.Tasks;

/// <summary>
/// The e-mails about a task to the organisation that must act on it: "assigned to you" and "overdue".
/// They go to the organisation's task owners, or to its own address when it has none, and hold what
/// the task needs (what, where, by when, a link) and nobody's personal data: no reporter, no participant.
/// </summary>
public sealed class TaskMail(AppDbContext db, EmailTemplates templates, Outbox outbox, Links links)
{
    public const string Assigned = "task-assigned";
    public const string Overdue = "task-overdue";

    private sealed record Recipient(string Email, string? Name, MailLanguage Language);

    /// <summary>Adds one message per recipient to the outbox without saving; returns how many.</summary>
    /// <param name="task">Saved (it needs its id for the link), with its findings loaded.</param>
    /// <param name="kind"><see cref="Assigned"/> or <see cref="Overdue"/>.</param>
    public async Task<int> QueueAsync(FollowUpTask task, string kind, CancellationToken ct = default)
    {
        var organisation = await db.Organisations.AsNoTracking().SingleAsync(o => o.Id == task.ResponsibleOrganisationId, ct);
        var recipients = await RecipientsAsync(organisation, ct);
        if (recipients.Count == 0) return 0;
        var walkIds = task.Findings.Select(f => f.EventId).Distinct().ToList();
        var walks = await db.Events.AsNoTracking().Where(e => walkIds.Contains(e.Id)).OrderBy(e => e.StartsAtUtc).ToListAsync(ct);
        var municipality = await db.Municipalities.AsNoTracking().Where(m => m.Id == task.MunicipalityId).Select(m => new { m.Name, m.Slug }).SingleAsync(ct);
        foreach (var recipient in recipients)
        {
            var model = TaskEmailModel.Create(
                task, organisation.Name, municipality.Name, walks, recipient.Name, links.Task(task.Id), links.Privacy(municipality.Slug), recipient.Language);
            var texts = templates.Render(recipient.Language, kind, model);
            outbox.Enqueue(texts.Message(recipient.Email, recipient.Name), kind);
        }
        return recipients.Count;
    }

    /// <summary>The organisation's task owners; its own address only when it has none, so nobody gets the mail twice.</summary>
    private async Task<List<Recipient>> RecipientsAsync(Organisation organisation, CancellationToken ct)
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
}
