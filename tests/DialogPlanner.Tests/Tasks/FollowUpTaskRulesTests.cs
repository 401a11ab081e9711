using DialogPlanner.Web.Features.Organisations;
using DialogPlanner.Web.Features.Tasks;

namespace DialogPlanner.Tests.Tasks;

/// <summary>The follow-up task's own rules, without the app: which status may follow which, and the history each change writes.</summary>
public sealed class FollowUpTaskRulesTests
{
    private static readonly TaskActor Owner = new("user-1", "gata@ljungby.example");
    private static readonly DateTime Now = new(2027, 3, 10, 9, 0, 0, DateTimeKind.Utc);

    private static FollowUpTask Task(FollowUpStatus status) => new()
    {
        Id = 7, MunicipalityId = 1, Title = "Byt lampa", ResponsibleOrganisationId = 10, DueDate = new DateOnly(2027, 4, 1), Status = status,
    };

    public static TheoryData<FollowUpStatus, FollowUpStatus> Allowed => new()
    {
        // Every change the pages and the other tests make.
        { FollowUpStatus.New, FollowUpStatus.InProgress }, { FollowUpStatus.InProgress, FollowUpStatus.Assigned }, { FollowUpStatus.Assigned, FollowUpStatus.Assigned },
        { FollowUpStatus.Assigned, FollowUpStatus.Done }, { FollowUpStatus.Assigned, FollowUpStatus.Rejected }, { FollowUpStatus.InProgress, FollowUpStatus.NotOurs },
        { FollowUpStatus.InProgress, FollowUpStatus.Done }, { FollowUpStatus.NotOurs, FollowUpStatus.InProgress }, { FollowUpStatus.Assigned, FollowUpStatus.InProgress },
        // Open work can be closed any way; a closed task is reopened, and a closing note can be added to it.
        { FollowUpStatus.New, FollowUpStatus.Assigned }, { FollowUpStatus.New, FollowUpStatus.NotOurs }, { FollowUpStatus.Done, FollowUpStatus.Assigned },
        { FollowUpStatus.Rejected, FollowUpStatus.InProgress }, { FollowUpStatus.Done, FollowUpStatus.Done },
    };

    public static TheoryData<FollowUpStatus, FollowUpStatus> Refused => new()
    {
        // New is only for a task nobody was given; a closed task is reopened before it closes another way.
        { FollowUpStatus.Assigned, FollowUpStatus.New }, { FollowUpStatus.InProgress, FollowUpStatus.New }, { FollowUpStatus.Done, FollowUpStatus.New },
        { FollowUpStatus.Done, FollowUpStatus.Rejected }, { FollowUpStatus.Rejected, FollowUpStatus.Done }, { FollowUpStatus.NotOurs, FollowUpStatus.Done },
    };

    [Theory, MemberData(nameof(Allowed))]
    public void AllowedChange_IsOffered_AndWritesItsHistory(FollowUpStatus from, FollowUpStatus to)
    {
        var task = Task(from);
        Assert.Contains(to, task.StatusChoices());

        task.ChangeStatus(to, "  En anteckning ", Owner, Now);

        Assert.Equal(to, task.Status);
        var entry = Assert.Single(task.History);
        Assert.Equal((Now, "user-1", "gata@ljungby.example", to, "En anteckning"), (entry.AtUtc, entry.ByUserId, entry.ByName, entry.Status, entry.Note));
    }

    [Theory, MemberData(nameof(Refused))]
    public void RefusedChange_IsNotOffered_AndChangesNothing(FollowUpStatus from, FollowUpStatus to)
    {
        var task = Task(from);
        Assert.DoesNotContain(to, task.StatusChoices());
        Assert.False(task.CanChangeStatusTo(to));

        Assert.Throws<InvalidOperationException>(() => task.ChangeStatus(to, "Nej", Owner, Now));

        Assert.Equal(from, task.Status);
        Assert.Empty(task.History);
    }

    [Fact]
    public void StatusChoices_StartWithTheCurrentStatus()
    {
        Assert.Equal([FollowUpStatus.Done, FollowUpStatus.Assigned, FollowUpStatus.InProgress], Task(FollowUpStatus.Done).StatusChoices());
        Assert.Equal(Enum.GetValues<FollowUpStatus>().Order(), Task(FollowUpStatus.New).StatusChoices().Order());
    }

    [Fact]
    public void Closing_KeepsTheNoteAsResolution_AndTheFirstClosingTime_ReopeningClearsIt()
    {
        var task = Task(FollowUpStatus.InProgress);

        task.ChangeStatus(FollowUpStatus.Done, "Ny armatur på plats", Owner, Now);
        task.ChangeStatus(FollowUpStatus.Done, null, Owner, Now.AddDays(1));
        Assert.Equal((Now, "Ny armatur på plats"), (task.ClosedAtUtc, task.Resolution));
        Assert.True(task.IsClosed);

        task.ChangeStatus(FollowUpStatus.InProgress, " ", Owner, Now.AddDays(2));
        Assert.Null(task.ClosedAtUtc);
        Assert.False(task.IsClosed);
        Assert.Equal([FollowUpStatus.Done, FollowUpStatus.Done, FollowUpStatus.InProgress], task.History.Select(h => h.Status));
        Assert.Null(task.History[^1].Note);
    }

    [Fact]
    public void MoveTo_AnotherOrganisation_StartsOverAsAssigned_WithItsOwnOverdueNotice()
    {
        var task = Task(FollowUpStatus.NotOurs);
        (task.AssignedPerson, task.Resolution, task.ClosedAtUtc, task.OverdueNoticeSentAtUtc) = ("Emma", "Fastighetsägarens", Now, Now);
        var landlord = new Organisation { Id = 11, MunicipalityId = 1, Name = "Ljungbybostäder AB" };

        task.MoveTo(landlord, "Flyttad till Ljungbybostäder AB.", Owner, Now);

        Assert.Equal((11, FollowUpStatus.Assigned), (task.ResponsibleOrganisationId, task.Status));
        Assert.Equal(((string?)null, (string?)null, (DateTime?)null, (DateTime?)null), (task.AssignedPerson, task.Resolution, task.ClosedAtUtc, task.OverdueNoticeSentAtUtc));
        var entry = Assert.Single(task.History);
        Assert.Equal((FollowUpStatus.Assigned, "Flyttad till Ljungbybostäder AB."), (entry.Status, entry.Note));
    }

    [Fact]
    public void MoveTo_TheSameOrAnotherMunicipalitysOrganisation_IsRefused()
    {
        var task = Task(FollowUpStatus.Assigned);
        var same = new Organisation { Id = 10, MunicipalityId = 1, Name = "Gatuavdelningen" };
        var foreign = new Organisation { Id = 12, MunicipalityId = 2, Name = "Alvesta gata" };

        Assert.False(task.CanMoveTo(same));
        Assert.False(task.CanMoveTo(foreign));
        Assert.Throws<InvalidOperationException>(() => task.MoveTo(foreign, "Flyttad", Owner, Now));
        Assert.Equal(10, task.ResponsibleOrganisationId);
        Assert.Empty(task.History);
    }

    [Fact]
    public void Reschedule_ALaterDateAllowsANewOverdueNotice_AnEarlierOneDoesNot()
    {
        var task = Task(FollowUpStatus.InProgress);
        task.OverdueNoticeSentAtUtc = Now;

        task.Reschedule(new DateOnly(2027, 3, 20), "Tidigare", Owner, Now);
        Assert.Equal((new DateOnly(2027, 3, 20), (DateTime?)Now), (task.DueDate, task.OverdueNoticeSentAtUtc));

        task.Reschedule(new DateOnly(2027, 5, 1), "Senare", Owner, Now);
        Assert.Equal((new DateOnly(2027, 5, 1), (DateTime?)null), (task.DueDate, task.OverdueNoticeSentAtUtc));
        Assert.Equal([(FollowUpStatus.InProgress, "Tidigare"), (FollowUpStatus.InProgress, "Senare")], task.History.Select(h => (h.Status, h.Note)));
    }

    [Fact]
    public void RecordCreated_WritesTheFirstLineWithTheStatusItWasMadeWith()
    {
        var task = Task(FollowUpStatus.Assigned);
        task.RecordCreated(Owner, Now, "Skapad från 2 iakttagelser.");
        var entry = Assert.Single(task.History);
        Assert.Equal((FollowUpStatus.Assigned, "Skapad från 2 iakttagelser.", "gata@ljungby.example"), (entry.Status, entry.Note, entry.ByName));
    }

    [Fact]
    public void OpenAndClosedStatuses_CoverEveryStatusOnce()
    {
        Assert.Equal(Enum.GetValues<FollowUpStatus>().Order(), FollowUpTask.OpenStatuses.Concat(FollowUpTask.ClosedStatuses).Order());
    }
}
