using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace DialogPlanner.Web.Features;

/// <summary>
/// Ties each form field to its error message for screen readers: the message gets an id, and the
/// field gets aria-invalid and aria-describedby when it has an error (WCAG 3.3.1). The first field
/// with an error takes the focus, so a keyboard or screen-reader user starts where the fixing is.
/// </summary>
[HtmlTargetElement("input", Attributes = "asp-for")]
[HtmlTargetElement("select", Attributes = "asp-for")]
[HtmlTargetElement("textarea", Attributes = "asp-for")]
public sealed class AriaInvalidTagHelper : TagHelper
{
    // Runs after the built-in tag helpers have set id and name.
    public override int Order => 100;

    [HtmlAttributeName("asp-for")] public required ModelExpression For { get; set; }
    [ViewContext, HtmlAttributeNotBound] public required ViewContext ViewContext { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var name = ViewContext.ViewData.TemplateInfo.GetFullHtmlFieldName(For.Name);
        if (!ViewContext.ViewData.ModelState.TryGetValue(name, out var entry) || entry.Errors.Count == 0) return;
        output.Attributes.SetAttribute("aria-invalid", "true");
        output.Attributes.SetAttribute("aria-describedby", ErrorId(name));
        var hidden = output.Attributes.TryGetAttribute("type", out var type) && type.Value?.ToString() == "hidden";
        if (!hidden && ViewContext.HttpContext.Items.TryAdd(typeof(AriaInvalidTagHelper), null))
            output.Attributes.SetAttribute("autofocus", "autofocus");
    }

    public static string ErrorId(string fieldName) => TagBuilder.CreateSanitizedId(fieldName, "_") + "-error";
}

[HtmlTargetElement("span", Attributes = "asp-validation-for")]
public sealed class ValidationMessageIdTagHelper : TagHelper
{
    public override int Order => 100;

    [HtmlAttributeName("asp-validation-for")] public required ModelExpression For { get; set; }
    [ViewContext, HtmlAttributeNotBound] public required ViewContext ViewContext { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var name = ViewContext.ViewData.TemplateInfo.GetFullHtmlFieldName(For.Name);
        output.Attributes.SetAttribute("id", AriaInvalidTagHelper.ErrorId(name));
    }
}
