using System.Text;
using DialogPlanner.Web.Data;
using DialogPlanner.Web.Features.Audit;
using DialogPlanner.Web.Features.Invitations;
using DialogPlanner.Web.Mail;
using Microsoft.EntityFrameworkCore;

namespace DialogPlanner.Web.Features.Privacy;

/// <summary>
/// Everything the app holds about one person, found by their e-mail address: their account, contacts,
/// invitations and answers (check-ins are invitations too), the mail sent to them, calendar replies set aside,
/// findings they reported and the audit entries that name them. <paramref name="Scope"/> limits an organiser to
/// their municipalities; null is the administrator's whole view.
/// </summary>
public sealed record PersonalData(
    string Address, int[]? Scope, PersonAccount? Account, List<PersonContact> Contacts, List<PersonInvitation> Invitations,
    List<PersonMail> Mails, List<PersonSetAside> SetAside, List<PersonFinding> Findings, List<PersonAuditEntry> AuditEntries)
{
    public bool IsEmpty => Account is null && Contacts.Count + Invitations.Count + Mails.Count + SetAside.Count + Findings.Count + AuditEntries.Count == 0;

    public static async Task<PersonalData> FindAsync(AppDbContext db, string address, int[]? scope, CancellationToken ct)
    {
        var normalized = EmailAddress.Normalize(address);
        bool InScope(int? municipalityId) => scope is null || municipalityId is { } id && scope.Contains(id);

        var account = await db.Users.AsNoTracking().Where(u => u.NormalizedEmail == normalized.ToUpperInvariant())
            .Select(u => new PersonAccount(u.Id, u.Email!, u.DisplayName, u.Municipalities.Select(m => m.Id).ToList(),
                db.UserRoles.Where(r => r.UserId == u.Id).Join(db.Roles, r => r.RoleId, r => r.Id, (_, r) => r.Name!).ToList()))
            .SingleOrDefaultAsync(ct);
        if (account is not null && scope is not null && !account.MunicipalityIds.Any(scope.Contains)) account = null;

        var contacts = (await db.Contacts.AsNoTracking().Where(c => c.NormalizedEmail == normalized)
            .Select(c => new PersonContact(c.Id, c.MunicipalityId, c.Municipality.Name, c.Name, c.Email, c.Phone, c.Groups.Select(g => g.Name).ToList()))
            .ToListAsync(ct)).Where(c => InScope(c.MunicipalityId)).ToList();

        var invitations = (await db.Invitations.AsNoTracking().Where(i => i.NormalizedEmail == normalized)
            .Select(i => new PersonInvitation(i.Id, i.EventId, i.Event.MunicipalityId, i.Event.Title, i.Event.StartsAtUtc, i.Name, i.Email, i.Rsvp,
                i.RespondedAtUtc, i.RemovedAtUtc, i.CreatedAtUtc, i.Organisation, i.CheckedInAtUtc))
            .ToListAsync(ct)).Where(i => InScope(i.MunicipalityId)).ToList();
        var invitationIds = invitations.Select(i => i.Id).ToList();

        // Mail tied to an invitation follows its scope; other mail to the address (task notices, account mail) only for administrators.
        var mails = await db.OutboxMessages.AsNoTracking()
            .Where(m => m.InvitationId != null ? invitationIds.Contains(m.InvitationId.Value) : scope == null && m.ToAddress.ToLower() == normalized)
            .Select(m => new PersonMail(m.Id, m.Kind, m.Subject, m.ToAddress, m.ToName, m.Status, m.CreatedAtUtc, m.SentAtUtc, m.Mime.Length))
            .ToListAsync(ct);

        var setAside = (await db.SetAsideReplies.AsNoTracking().Where(r => r.FromAddress != null && r.FromAddress.ToLower() == normalized)
            .Select(r => new PersonSetAside(r.Id, r.ReceivedAtUtc, r.Subject, r.Reason, r.EventId, r.Event == null ? null : r.Event.MunicipalityId))
            .ToListAsync(ct)).Where(r => scope is null || InScope(r.MunicipalityId)).ToList();

        var userId = account?.Id;
        var findings = (await db.Findings.AsNoTracking()
            .Where(f => f.ReportedByInvitationId != null && invitationIds.Contains(f.ReportedByInvitationId.Value) || userId != null && f.ReportedByUserId == userId)
            .Select(f => new PersonFinding(f.Id, f.EventId, f.Event.MunicipalityId, f.Event.Title, f.Category.ToString(), f.Description, f.Place, f.PhotoPath != null, f.CreatedAtUtc))
            .ToListAsync(ct)).Where(f => InScope(f.MunicipalityId)).ToList();

        var invitationKeys = invitationIds.Select(id => id.ToString()).ToList();
        var contactKeys = contacts.Select(c => c.Id.ToString()).ToList();
        var audit = (await db.AuditEntries.AsNoTracking()
            .Where(a => userId != null && (a.UserId == userId || a.Entity == "User" && a.EntityId == userId)
                || a.InvitationId != null && invitationIds.Contains(a.InvitationId.Value)
                || a.Entity == "Invitation" && invitationKeys.Contains(a.EntityId)
                || a.Entity == "Contact" && contactKeys.Contains(a.EntityId))
            .OrderBy(a => a.Id)
            .Select(a => new PersonAuditEntry(a.Id, a.AtUtc, a.Entity, a.EntityId, a.Action, a.MunicipalityId, a.Changes))
            .ToListAsync(ct)).Where(a => scope is null || InScope(a.MunicipalityId)).ToList();

        return new PersonalData(address.Trim(), scope, account, contacts, invitations, mails, setAside, findings, audit);
    }

    /// <summary>The stored mail bodies for the export, as the MIME text that was (or will be) sent.</summary>
    public async Task<Dictionary<long, string>> MailBodiesAsync(AppDbContext db, CancellationToken ct)
    {
        var ids = Mails.Select(m => m.Id).ToList();
        var bodies = await db.OutboxMessages.AsNoTracking().Where(m => ids.Contains(m.Id)).Select(m => new { m.Id, m.Mime }).ToListAsync(ct);
        return bodies.ToDictionary(b => b.Id, b => Encoding.UTF8.GetString(b.Mime));
    }
}

public sealed record PersonAccount(string Id, string Email, string? DisplayName, List<int> MunicipalityIds, List<string> Roles);

public sealed record PersonContact(int Id, int MunicipalityId, string Municipality, string Name, string Email, string? Phone, List<string> Groups);

public sealed record PersonInvitation(
    int Id, int EventId, int MunicipalityId, string Event, DateTime StartsAtUtc, string? Name, string Email, RsvpStatus Answer,
    DateTime? AnsweredAtUtc, DateTime? RemovedAtUtc, DateTime CreatedAtUtc, string? Organisation, DateTime? CheckedInAtUtc);

public sealed record PersonMail(long Id, string Kind, string Subject, string To, string? ToName, OutboxStatus Status, DateTime CreatedAtUtc, DateTime? SentAtUtc, int Bytes);

public sealed record PersonSetAside(int Id, DateTime ReceivedAtUtc, string? Subject, SetAsideReason Reason, int? EventId, int? MunicipalityId);

public sealed record PersonFinding(
    int Id, int WalkId, int MunicipalityId, string Walk, string Category, string Description, string? Place, bool HasPhoto, DateTime CreatedAtUtc);

public sealed record PersonAuditEntry(long Id, DateTime AtUtc, string Entity, string EntityId, AuditAction Action, int? MunicipalityId, string? Changes);
