using DialogPlanner.Web.Data;
using DialogPlanner.Web.Features.Audit;
using DialogPlanner.Web.Features.Invitations;
using Microsoft.EntityFrameworkCore;

namespace DialogPlanner.Web.Features.Privacy;

/// <summary>
/// Erases one person within what the caller may see, in one transaction: invitations keep their answer (the counts of
/// a held meeting stay right) but lose name, address and links; contacts and set-aside replies are deleted; stored
/// mail keeps its delivery state but loses body and recipient; findings stay in the protocol without their reporter;
/// an account is anonymised and locked. The log gets one entry with the counts, and nothing of what was erased.
/// </summary>
public static class Erasure
{
    public const string ErasedDomain = "raderad.invalid";

    public static async Task<Dictionary<string, string?>> EraseAsync(AppDbContext db, PersonalData person, HttpContext? context, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);

        var invitationIds = person.Invitations.Select(i => i.Id).ToList();
        var invitations = await db.Invitations.Where(i => invitationIds.Contains(i.Id)).ToListAsync(ct);
        foreach (var invitation in invitations)
        {
            invitation.Email = $"invitation-{invitation.Id}@{ErasedDomain}";
            invitation.Name = null;
            invitation.Organisation = null; // typed by a drop-in at check-in
            invitation.ContactId = null;
            invitation.Token = Invitation.NewToken(); // the links in mail already sent stop working
            invitation.RemovedAtUtc ??= now;
        }

        var contactIds = person.Contacts.Select(c => c.Id).ToList();
        var contacts = await db.Contacts.Include(c => c.Groups).Where(c => contactIds.Contains(c.Id)).ToListAsync(ct);
        foreach (var invitation in await db.Invitations.Where(i => i.ContactId != null && contactIds.Contains(i.ContactId.Value)).ToListAsync(ct))
            invitation.ContactId = null;
        db.Contacts.RemoveRange(contacts);

        var mailIds = person.Mails.Select(m => m.Id).ToList();
        var mails = await db.OutboxMessages.Where(m => mailIds.Contains(m.Id)).ToListAsync(ct);
        foreach (var mail in mails)
        {
            mail.Mime = [];
            mail.ToAddress = $"mail-{mail.Id}@{ErasedDomain}";
            mail.ToName = null;
            // A message not yet sent can no longer be sent: it has no body.
            if (mail.Status == Mail.OutboxStatus.Queued) mail.Status = Mail.OutboxStatus.Failed;
        }

        var setAsideIds = person.SetAside.Select(r => r.Id).ToList();
        db.SetAsideReplies.RemoveRange(await db.SetAsideReplies.Where(r => setAsideIds.Contains(r.Id)).ToListAsync(ct));

        var findingIds = person.Findings.Select(f => f.Id).ToList();
        foreach (var finding in await db.Findings.Where(f => findingIds.Contains(f.Id)).ToListAsync(ct))
        {
            finding.ReportedByInvitationId = null;
            finding.ReportedByUserId = null;
        }

        if (person.Account is { } account && await db.Users.SingleOrDefaultAsync(u => u.Id == account.Id, ct) is { } user)
        {
            var anonymous = $"user-{user.Id}@{ErasedDomain}";
            user.Email = user.UserName = anonymous;
            user.NormalizedEmail = user.NormalizedUserName = anonymous.ToUpperInvariant();
            user.DisplayName = null;
            user.PhoneNumber = null;
            user.PasswordHash = null;
            user.CalendarFeedToken = null;
            user.SecurityStamp = Guid.NewGuid().ToString(); // ends every session of the account
            user.LockoutEnabled = true;
            user.LockoutEnd = DateTimeOffset.MaxValue;
            db.UserTokens.RemoveRange(await db.UserTokens.Where(t => t.UserId == user.Id).ToListAsync(ct));
            db.UserRoles.RemoveRange(await db.UserRoles.Where(r => r.UserId == user.Id).ToListAsync(ct));
        }

        await db.SaveChangesAsync(ct);
        var counts = new Dictionary<string, string?>
        {
            ["Account"] = person.Account is null ? "0" : "1", ["Contacts"] = $"{contacts.Count}", ["Invitations"] = $"{invitations.Count}",
            ["Mails"] = $"{mails.Count}", ["SetAsideReplies"] = $"{setAsideIds.Count}", ["Findings"] = $"{findingIds.Count}",
        };
        await AuditLog.RecordAsync(db, context, clock, AuditAction.Erased, "Person", "-", details: counts);
        await transaction.CommitAsync(ct);
        return counts;
    }
}
