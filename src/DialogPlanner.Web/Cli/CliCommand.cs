namespace DialogPlanner.Web.Cli;

/// <summary>
/// The admin commands the executable takes instead of serving the web app. Parsing happens before
/// the host is built, so a typo prints usage and exits non-zero without touching the database.
/// </summary>
public abstract record CliCommand
{
    public const string Usage = """
        Usage: DialogPlanner.Web [command] [options]

        Without a command the web app starts.

        Commands:
          migrate                              apply pending database migrations and exit
          user add --email ADDRESS --role ROLE [--password PASSWORD]
                   [--organisation NAME] [--municipality NAME] [--name DISPLAY NAME]
                                               create a user; ROLE is Administrator, Organiser,
                                               TaskOwner or Participant. A TaskOwner needs
                                               --organisation, an Organiser --municipality.
                                               Without --password one is generated and printed.
          promise import FILE [--replace]      import a citizen promise from a template
                                               (templates/promises/*.json). A file with errors
                                               imports nothing; an existing year is replaced
                                               only with --replace (exit code 3 without it).
          backup FILE                          copy the SQLite database to FILE (a new file) with
                                               SQLite's online backup, also while the app runs;
                                               for PostgreSQL use pg_dump
          seed-demo                            add a realistic demo year for Ljungby
          seed-scale --municipalities N --years Y [--seed S] [--password P]
                                               add Y years (ending this year) of heavy activity in
                                               N real municipalities (1-38), for benchmarks: about
                                               170 events a year each, 40 invitees per event, walks
                                               with findings and tasks, sent and failed mail. The
                                               same seed (default 1) gives the same data. Also makes
                                               the organiser samordnare@scale.example and the task
                                               owner gata@scale.example with password P (printed
                                               when generated). Municipalities already present are
                                               left alone.
          help                                 show this text
        """;

    public abstract Task<int> RunAsync(IServiceProvider services);

    /// <summary>Null when the arguments are for the web host (none, or only --options).</summary>
    public static CliCommand? Parse(string[] args, TextWriter output)
    {
        if (args.Length == 0 || args[0].StartsWith('-')) return null;
        var rest = args[1..];
        CliCommand? command = args[0] switch
        {
            "migrate" when rest.Length == 0 => new MigrateCommand(),
            "seed-demo" when rest.Length == 0 => new SeedDemoCommand(),
            "backup" when rest.Length == 1 && !rest[0].StartsWith('-') => new BackupCommand(rest[0]),
            "seed-scale" => SeedScaleCommand.ParseArguments(rest, output),
            "user" when rest.Length > 0 && rest[0] == "add" => UserAddCommand.ParseArguments(rest[1..], output),
            "promise" when rest.Length > 0 && rest[0] == "import" => PromiseImportCommand.ParseArguments(rest[1..], output),
            "help" or "--help" => new HelpCommand(),
            _ => null,
        };
        if (command is null)
        {
            output.WriteLine($"Unknown command or bad arguments: {string.Join(' ', args)}");
            output.WriteLine();
            output.WriteLine(Usage);
            return new Invalid();
        }
        return command;
    }

    /// <summary>Reads "--key value" pairs; null (after explaining) on a stray or repeated argument.</summary>
    public static Dictionary<string, string>? ParseOptions(string[] args, IReadOnlySet<string> known, TextWriter output)
    {
        var options = new Dictionary<string, string>();
        for (var i = 0; i < args.Length; i += 2)
        {
            var key = args[i];
            if (!key.StartsWith("--") || !known.Contains(key[2..]) || i + 1 >= args.Length || args[i + 1].StartsWith("--")
                || !options.TryAdd(key[2..], args[i + 1]))
            {
                output.WriteLine($"Unexpected or incomplete option: {key}");
                return null;
            }
        }
        return options;
    }

    public sealed record Invalid : CliCommand
    {
        public override Task<int> RunAsync(IServiceProvider services) => Task.FromResult(2);
    }

    private sealed record HelpCommand : CliCommand
    {
        public override Task<int> RunAsync(IServiceProvider services)
        {
            Console.WriteLine(Usage);
            return Task.FromResult(0);
        }
    }
}
