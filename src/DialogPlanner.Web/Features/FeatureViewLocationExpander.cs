using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.Razor;

namespace DialogPlanner.Web.Features;

/// <summary>
/// Finds a controller's views in its feature folder: <c>Features/{feature}/Views/{view}</c>, or
/// <c>Features/{feature}/Views/{controller}/{view}</c> when a feature has several controllers.
/// The feature is the namespace segment after "Features".
/// </summary>
public sealed class FeatureViewLocationExpander : IViewLocationExpander
{
    public static readonly string[] Formats =
    [
        "/Features/{feature}/Views/{1}/{0}" + RazorViewEngine.ViewExtension,
        "/Features/{feature}/Views/{0}" + RazorViewEngine.ViewExtension,
        "/Features/Shared/{0}" + RazorViewEngine.ViewExtension,
    ];

    public void PopulateValues(ViewLocationExpanderContext context)
    {
        if (context.ActionContext.ActionDescriptor is ControllerActionDescriptor action)
        {
            var ns = action.ControllerTypeInfo.Namespace ?? "";
            var marker = ".Features.";
            var at = ns.IndexOf(marker, StringComparison.Ordinal);
            context.Values["feature"] = at < 0 ? "Shared" : ns[(at + marker.Length)..].Split('.')[0];
        }
    }

    public IEnumerable<string> ExpandViewLocations(ViewLocationExpanderContext context, IEnumerable<string> viewLocations)
    {
        var feature = context.Values.TryGetValue("feature", out var f) && f is not null ? f : "Shared";
        return viewLocations.Select(l => l.Replace("{feature}", feature));
    }
}
