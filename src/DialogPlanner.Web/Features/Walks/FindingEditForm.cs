using FluentValidation;
using Microsoft.Extensions.Localization;

namespace DialogPlanner.Web.Features.Walks;

/// <summary>What an organiser may change in a finding before it is published: its words, kind and place, and whether its photo shows.</summary>
public sealed class FindingEditForm
{
    public FindingCategory? Category { get; set; }
    public string? Description { get; set; }
    public string? Place { get; set; }
    public bool HidePhoto { get; set; }
    /// <summary>"Spara och godkänn": the edited finding is approved in the same step.</summary>
    public bool Approve { get; set; }

    public static FindingEditForm Of(Finding f) =>
        new() { Category = f.Category, Description = f.Description, Place = f.Place, HidePhoto = f.PhotoHidden };
}

public sealed class FindingEditFormValidator : AbstractValidator<FindingEditForm>
{
    public FindingEditFormValidator(IStringLocalizer<SharedResource> t)
    {
        RuleFor(x => x.Category).NotNull().IsInEnum().WithName(t["Kategori"]);
        RuleFor(x => x.Description).NotEmpty().MaximumLength(2000).WithName(t["Iakttagelse"]);
        RuleFor(x => x.Place).MaximumLength(300).WithName(t["Plats"]);
    }
}
