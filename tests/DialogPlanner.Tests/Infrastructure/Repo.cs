namespace DialogPlanner.Tests.Infrastructure;

/// <summary>Files of the repository itself (templates, sources), found from the test binaries.</summary>
public static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "DialogPlanner.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("DialogPlanner.sln not found above the test binaries.");
    }
}
