using DialogPlanner.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace DialogPlanner.Web.Jobs;

/// <summary>
/// Who runs a job that must run on one instance at a time (the IMAP reader, the daily retention), and until when.
/// The holder renews it while it works; when it runs out (the holder died) the next instance that asks takes it.
/// </summary>
public class JobLease
{
    public const string Imap = "imap";
    public const string Retention = "retention";
    public const string InvitationMail = "invitation-mail";

    public required string Name { get; set; }
    public required string Holder { get; set; }
    public DateTime UntilUtc { get; set; }

    /// <summary>
    /// Takes or renews the lease <paramref name="name"/> for <paramref name="holder"/> until <paramref name="now"/> +
    /// <paramref name="duration"/>, in one statement: inserted if it never existed, taken over if it ran out, renewed
    /// if it is the holder's own; otherwise nothing changes.
    /// </summary>
    /// <returns>Whether <paramref name="holder"/> holds the lease now.</returns>
    public static async Task<bool> TryTakeAsync(AppDbContext db, string name, string holder, DateTime now, TimeSpan duration, CancellationToken ct)
    {
        var until = now + duration;
        // The same upsert on PostgreSQL and SQLite: a row counts as changed only when the WHERE let the update through.
        var changed = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "JobLeases" ("Name", "Holder", "UntilUtc") VALUES ({name}, {holder}, {until})
            ON CONFLICT ("Name") DO UPDATE SET "Holder" = excluded."Holder", "UntilUtc" = excluded."UntilUtc"
            WHERE "JobLeases"."Holder" = excluded."Holder" OR "JobLeases"."UntilUtc" <= {now}
            """, ct);
        return changed == 1;
    }

    /// <summary>Gives the lease up at once, e.g. when the holder stops, so that another instance need not wait for it to run out.</summary>
    public static Task ReleaseAsync(AppDbContext db, string name, string holder, DateTime now) =>
        db.Database.ExecuteSqlAsync($"""
            UPDATE "JobLeases" SET "UntilUtc" = {now} WHERE "Name" = {name} AND "Holder" = {holder}
            """, CancellationToken.None);
}
