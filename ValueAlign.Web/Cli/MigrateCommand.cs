using System.CommandLine;
using ValueAlign.Core.Data;

namespace ValueAlign.Web.Cli;

public static class MigrateCommand
{
    public static Command Create()
    {
        var command = new Command("migrate", "Apply pending database migrations for the configured provider and exit.");
        command.SetAction(async (ParseResult _, CancellationToken ct) =>
        {
            var console = CliConsole.Current;
            await using var services = await CliServices.CreateAsync(ct, migrate: false);
            var factory = services.GetRequiredService<ValueAlignDbContextFactory>();
            var applied = await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(ct);
            console.Out.WriteLine(applied.Count == 0
                ? $"{factory.Provider}: database is up to date."
                : $"{factory.Provider}: applied {applied.Count} migration(s): {string.Join(", ", applied)}");
            return 0;
        });
        return command;
    }
}
