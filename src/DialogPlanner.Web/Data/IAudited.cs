namespace DialogPlanner.Web.Data;

/// <summary>Entities whose creation and last change are stamped by <see cref="AuditInterceptor"/>.</summary>
public interface IAudited
{
    DateTime CreatedAtUtc { get; set; }
    DateTime UpdatedAtUtc { get; set; }
}

/// <summary>Entities guarded by optimistic concurrency: <see cref="Version"/> changes on every save.</summary>
public interface IVersioned
{
    Guid Version { get; set; }
}
