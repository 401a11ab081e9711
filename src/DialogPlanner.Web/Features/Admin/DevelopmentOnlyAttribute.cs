using Microsoft.AspNetCore.Mvc.ActionConstraints;

namespace DialogPlanner.Web.Features.Admin;

/// <summary>
/// Outside Development the action does not exist: routing answers 404 before authorization runs,
/// so nobody, signed in or not, learns that the page is there.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class DevelopmentOnlyAttribute : Attribute, IActionConstraint
{
    public int Order => 0;

    public bool Accept(ActionConstraintContext context) =>
        context.RouteContext.HttpContext.RequestServices.GetRequiredService<IHostEnvironment>().IsDevelopment();
}
