namespace DialogPlanner.Web.Cli;

/// <summary>
/// Resolves a relative path typed on the command line from the directory it was typed in.
/// <c>dotnet run --project src/DialogPlanner.Web</c> starts the app with the project folder as its current
/// directory, so a path typed at the repository root would miss; the shell's <c>PWD</c> still names the
/// folder the operator stood in. PWD is only trusted when the file is there: a service manager or a script
/// that changed folder without updating PWD falls back to the current directory.
/// </summary>
public static class CallerPath
{
    public static string Resolve(string typed) =>
        Resolve(typed, Environment.GetEnvironmentVariable("PWD"), Directory.GetCurrentDirectory());

    public static string Resolve(string typed, string? shellDirectory, string currentDirectory)
    {
        if (Path.IsPathRooted(typed)) return typed;
        if (!string.IsNullOrEmpty(shellDirectory) && Path.IsPathRooted(shellDirectory))
        {
            var fromShell = Path.GetFullPath(typed, shellDirectory);
            if (File.Exists(fromShell) || Directory.Exists(fromShell)) return fromShell;
        }
        return Path.GetFullPath(typed, currentDirectory);
    }
}
