using ValueAlign.Web.Cli;
using ValueAlign.Web.Hosting;

// No arguments (or only configuration overrides such as --urls): serve the workbench.
// A verb (users, migrate, ...) or --help: run headless and exit.
if (WorkbenchCli.IsCliInvocation(args))
{
    return await WorkbenchCli.RunAsync(args);
}

var app = WorkbenchWebApp.Build(args);
await app.MigrateAndSeedAsync();
await app.RunAsync();
return 0;
