using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace DialogPlanner.Web;

/// <summary>MVC's own binding errors ("not a number" and the like) in the user's language instead of English.</summary>
public static class ModelBindingMessages
{
    public static void Localize(MvcOptions options, IStringLocalizerFactory factory)
    {
        var t = factory.Create(typeof(SharedResource));
        var m = options.ModelBindingMessageProvider;
        m.SetValueIsInvalidAccessor(v => t["Värdet '{0}' är ogiltigt.", v]);
        m.SetAttemptedValueIsInvalidAccessor((v, _) => t["Värdet '{0}' är ogiltigt.", v]);
        m.SetUnknownValueIsInvalidAccessor(_ => t["Värdet är ogiltigt."]);
        m.SetValueMustBeANumberAccessor(_ => t["Fältet måste vara ett tal."]);
        m.SetValueMustNotBeNullAccessor(_ => t["Ett värde krävs."]);
        m.SetMissingBindRequiredValueAccessor(_ => t["Ett värde krävs."]);
        m.SetMissingKeyOrValueAccessor(() => t["Ett värde krävs."]);
        m.SetMissingRequestBodyRequiredValueAccessor(() => t["Ett värde krävs."]);
        m.SetNonPropertyAttemptedValueIsInvalidAccessor(v => t["Värdet '{0}' är ogiltigt.", v]);
        m.SetNonPropertyUnknownValueIsInvalidAccessor(() => t["Värdet är ogiltigt."]);
        m.SetNonPropertyValueMustBeANumberAccessor(() => t["Fältet måste vara ett tal."]);
    }
}
