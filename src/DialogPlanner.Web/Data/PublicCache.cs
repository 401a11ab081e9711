using System.Globalization;
using System.Runtime.CompilerServices;
using DialogPlanner.Web.Features.Events;
using DialogPlanner.Web.Features.Municipalities;
using DialogPlanner.Web.Features.Promises;
using DialogPlanner.Web.Features.Tasks;
using DialogPlanner.Web.Features.Walks;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace DialogPlanner.Web.Data;

/// <summary>
/// Output caching of the anonymous public pages and feeds (public promise page, public calendar feed, public protocol).
/// They are cached per address and language for a minute at most (their figures and "upcoming" lists move with the
/// clock), never for a signed-in user, and dropped at once when a save touches what they show.
/// </summary>
public static class PublicCache
{
    public const string Policy = "PublicPages";
    public const string Tag = "public-data";

    /// <summary>What the public pages show; a save that adds, changes or removes one of these drops them all.</summary>
    private static readonly Type[] Shown =
        [typeof(Event), typeof(CitizenPromise), typeof(FocusArea), typeof(Pledge), typeof(Municipality), typeof(Finding), typeof(FollowUpTask), typeof(WalkStop)];

    public static IServiceCollection AddPublicCache(this IServiceCollection services) =>
        services.AddOutputCache(o => o.AddPolicy(Policy, b => b
            .Expire(TimeSpan.FromMinutes(1))
            .Tag(Tag)
            .VaryByValue(_ => new KeyValuePair<string, string>("culture", CultureInfo.CurrentUICulture.Name))));

    internal static bool Touches(DbContext context) =>
        context.ChangeTracker.Entries().Any(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
                                                 && Shown.Contains(e.Metadata.ClrType));
}

/// <summary>
/// Drops the cached public pages after a save that touched what they show. Noted before the save (afterwards every entry
/// is Unchanged) and evicted after it commits, so no request can cache the old data in between.
/// </summary>
public sealed class PublicCacheInvalidator(IServiceProvider services) : SaveChangesInterceptor
{
    private readonly ConditionalWeakTable<DbContext, object> _pending = new();

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Note(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Note(eventData.Context);
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        await EvictAsync(eventData.Context);
        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        EvictAsync(eventData.Context).AsTask().GetAwaiter().GetResult();
        return result;
    }

    private void Note(DbContext? context)
    {
        if (context is not null && PublicCache.Touches(context)) _pending.AddOrUpdate(context, true);
    }

    private async ValueTask EvictAsync(DbContext? context)
    {
        if (context is null || !_pending.Remove(context)) return;
        // The command-line tools (seeding) run without the web host's cache.
        if (services.GetService<IOutputCacheStore>() is { } store) await store.EvictByTagAsync(PublicCache.Tag, CancellationToken.None);
    }
}
