using DialogPlanner.Tests.Infrastructure;
using DialogPlanner.Web.Cli;

namespace DialogPlanner.Tests.Cli;

public sealed class CallerPathTests
{
    private static readonly string Root = Repo.Root;
    private static readonly string Project = Path.Combine(Repo.Root, "src", "DialogPlanner.Web");

    [Fact]
    public void RelativePath_ResolvesFromTheShellsFolder_WhenTheFileIsThere() =>
        Assert.Equal(Path.Combine(Root, "templates", "promises", "blank.json"),
            CallerPath.Resolve("templates/promises/blank.json", Root, Project));

    [Fact]
    public void StalePwd_FallsBackToTheCurrentDirectory() =>
        Assert.Equal(Path.Combine(Root, "templates", "promises", "blank.json"),
            CallerPath.Resolve("promises/blank.json", "/nowhere", Path.Combine(Root, "templates")));

    [Fact]
    public void MissingFile_IsNamedFromTheCurrentDirectory_AndARootedPathStaysAsTyped()
    {
        Assert.Equal(Path.Combine(Project, "nope.json"), CallerPath.Resolve("nope.json", Root, Project));
        Assert.Equal("/tmp/x.json", CallerPath.Resolve("/tmp/x.json", Root, Project));
    }
}
