using DialogPlanner.Web.Features.Events;
using Microsoft.Extensions.Localization;

namespace DialogPlanner.Web.Features.Promises;

/// <summary>A countable pledge's progress as residents read it, e.g. "1 av 2 dialogmöten genomförda".</summary>
public static class PledgeProgressText
{
    /// <summary>Null for a pledge without a count: its manual status says it all.</summary>
    public static string? Of(PledgeRow row, IStringLocalizer t)
    {
        if (row.Progress is not { } p) return null;
        var target = p.TargetIsMinimum ? t["minst {0}", p.Target].Value : p.Target.ToString();
        // Whole sentences per event type, so that each language can inflect its own nouns.
        return row.Pledge.EventType switch
        {
            EventType.DialogueMeeting => t["{0} av {1} dialogmöten genomförda", p.Held, target],
            EventType.SafetyWalk => t["{0} av {1} trygghetsvandringar genomförda", p.Held, target],
            EventType.LandlordMeeting => t["{0} av {1} dialogmöten med hyresvärdar genomförda", p.Held, target],
            EventType.CentreAssociationMeeting => t["{0} av {1} dialogmöten med centrumföreningen genomförda", p.Held, target],
            EventType.NeighbourhoodWatchMeeting => t["{0} av {1} grannsamverkansmöten genomförda", p.Held, target],
            EventType.FarmWalk => t["{0} av {1} gårdsvandringar genomförda", p.Held, target],
            _ => t["{0} av {1} genomförda", p.Held, target],
        };
    }
}
