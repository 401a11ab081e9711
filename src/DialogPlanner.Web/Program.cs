using DialogPlanner.Web;
using DialogPlanner.Web.Cli;

// The executable is both the web app and the admin command line (migrate, user add, seed-demo).
var command = CliCommand.Parse(args, Console.Out);
if (command is CliCommand.Invalid) return 2;

var builder = WebApplication.CreateBuilder(command is null ? args : []);
builder.AddDialogPlanner();
var app = builder.Build();

if (command is not null) return await command.RunAsync(app.Services);

app.UseDialogPlanner();
await app.RunAsync();
return 0;
