using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace DialogPlanner.Web.Features.Walks;

/// <summary>
/// Binds a coordinate written by the phone's script ("56.833300") as well as one typed the Swedish way
/// ("56,8333"). Form values are otherwise read in the page's culture, where the script's point fails.
/// </summary>
public sealed class CoordinateBinder : IModelBinder
{
    public Task BindModelAsync(ModelBindingContext context)
    {
        var result = context.ValueProvider.GetValue(context.ModelName);
        if (result == ValueProviderResult.None) return Task.CompletedTask;
        context.ModelState.SetModelValue(context.ModelName, result);
        var text = result.FirstValue?.Trim();
        if (string.IsNullOrEmpty(text))
            context.Result = ModelBindingResult.Success(null);
        else if (Coordinates.TryParse(text, out var value))
            context.Result = ModelBindingResult.Success(value);
        else
            context.ModelState.TryAddModelError(context.ModelName,
                context.ModelMetadata.ModelBindingMessageProvider.AttemptedValueIsInvalidAccessor(text, context.ModelMetadata.GetDisplayName()));
        return Task.CompletedTask;
    }
}
