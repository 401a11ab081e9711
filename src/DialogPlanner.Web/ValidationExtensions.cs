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
}
