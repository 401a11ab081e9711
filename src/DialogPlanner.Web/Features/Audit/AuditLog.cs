using System.Text.Json;
using DialogPlanner.Web.Data;

namespace DialogPlanner.Web.Features.Audit;

/// <summary>
/// Entries for what changes no audited row: exports, sign-ins, erasures. Changes to rows are recorded by
/// <see cref="AuditTrail"/> without any call.
/// </summary>
public static class AuditLog
{
    public static async Task RecordAsync(
        AppDbContext db, HttpContext? context, TimeProvider clock, AuditAction action, string entity, string entityId,
        int? municipalityId = null, string? userId = null, IReadOnlyDictionary<string, string?>? details = null)
    {
        var actor = AuditActor.Of(context);
        db.Add(new AuditEntry
        {
            AtUtc = clock.GetUtcNow().UtcDateTime, UserId = userId ?? actor.UserId, InvitationId = actor.InvitationId,
            MunicipalityId = municipalityId, Entity = entity, EntityId = entityId, Action = action,
            Changes = details is null ? null : JsonSerializer.Serialize(details.ToDictionary(d => d.Key, d => new[] { null, d.Value })),
        });
        await db.SaveChangesAsync();
    }
}
