using DialogPlanner.Web.Features.Events;

namespace DialogPlanner.Web.Features.Walks;

/// <summary>
/// How long after a walk its findings may still be recorded (setting Walks:RecordingClosesDaysAfter, default 7):
/// after that the recorder links take nothing more, so what the organiser reviewed stays what is published.
/// </summary>
public sealed class RecordingWindow(IConfiguration config, TimeProvider clock)
{
    public const int DefaultDaysAfter = 7;

    public int DaysAfter { get; } = Math.Max(0, config.GetValue("Walks:RecordingClosesDaysAfter", DefaultDaysAfter));

    public bool IsOpen(Event walk) => walk.RecordingOpen(clock.GetUtcNow().UtcDateTime, DaysAfter);
}
