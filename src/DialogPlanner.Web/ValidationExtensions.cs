using FluentValidation;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace DialogPlanner.Web;

public static class ValidationExtensions
{
    /// <summary>Validates a form and copies every failure into ModelState, keyed by property, so it shows by the field.</summary>
    public static async Task<bool> ValidateIntoAsync<T>(this IValidator<T> validator, T form, ModelStateDictionary modelState)
    {
        var result = await validator.ValidateAsync(form);
        foreach (var error in result.Errors)
            modelState.AddModelError(error.PropertyName, error.ErrorMessage);
        return result.IsValid && modelState.IsValid;
    }

    /// <summary>
    /// An address mail can go to, by the one rule of <see cref="EmailAddress"/> (which pasted invitees
    /// meet too), with FluentValidation's own message for it. Empty passes: NotEmpty says so if needed.
    /// </summary>
    public static IRuleBuilderOptions<T, string?> IsEmailAddress<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(email => string.IsNullOrEmpty(email) || EmailAddress.IsValid(email))
            .WithMessage(_ => ValidatorOptions.Global.LanguageManager.GetString("EmailValidator"));
}
