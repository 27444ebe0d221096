using Microsoft.Extensions.DependencyInjection;
using ValueAlign.Core.Accounts;
using ValueAlign.Tests.Support;

namespace ValueAlign.Tests.Cli;

public class UsersAndMigrateVerbTests
{
    [Fact]
    public async Task Help_lists_the_verbs()
    {
        using var temp = new TempDirectory();
        var result = await WorkbenchCommand.RunAsync(["--help"], temp.File("help.db"));
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("users", result.Output);
        Assert.Contains("migrate", result.Output);
        Assert.Contains("bench", result.Output);
    }

    [Fact]
    public async Task Migrate_then_users_add_creates_an_account_that_the_services_see()
    {
        using var temp = new TempDirectory();
        var db = temp.File("cli.db");

        var migrate = await WorkbenchCommand.RunAsync(["migrate"], db);
        Assert.True(migrate.ExitCode == 0, migrate.Error);
        Assert.Contains("applied", migrate.Output);
        var again = await WorkbenchCommand.RunAsync(["migrate"], db);
        Assert.Contains("up to date", again.Output);

        var add = await WorkbenchCommand.RunAsync(
            ["users", "add", "--email", "ann@example.org", "--role", "annotator", "--password-stdin"], db, "stdin-password-1\n");
        Assert.True(add.ExitCode == 0, add.Error);
        Assert.Contains("Created ann@example.org with role Annotator", add.Output);

        await using var services = WorkbenchServices.ForSqliteFile(db);
        await using var scope = services.CreateAsyncScope();
        var users = await scope.ServiceProvider.GetRequiredService<UserAdministration>().ListAsync();
        var user = Assert.Single(users);
        Assert.Equal([Roles.Annotator], user.Roles);

        var list = await WorkbenchCommand.RunAsync(["users", "list"], db);
        Assert.Contains("ann@example.org\tAnnotator\tactive", list.Output);
    }

    [Fact]
    public async Task Users_add_refuses_bad_input_with_a_message_and_non_zero_exit()
    {
        using var temp = new TempDirectory();
        var db = temp.File("bad.db");

        var noStdin = await WorkbenchCommand.RunAsync(["users", "add", "--email", "a@example.org", "--role", "Viewer"], db);
        Assert.NotEqual(0, noStdin.ExitCode);
        Assert.Contains("--password-stdin", noStdin.Error);

        var badRole = await WorkbenchCommand.RunAsync(
            ["users", "add", "--email", "a@example.org", "--role", "superuser", "--password-stdin"], db, "long-password\n");
        Assert.Equal(1, badRole.ExitCode);
        Assert.Contains("Unknown role 'superuser'", badRole.Error);

        var shortPassword = await WorkbenchCommand.RunAsync(
            ["users", "add", "--email", "a@example.org", "--role", "Viewer", "--password-stdin"], db, "short\n");
        Assert.Equal(1, shortPassword.ExitCode);
        Assert.Contains("at least 12", shortPassword.Error);

        var missingEmail = await WorkbenchCommand.RunAsync(["users", "add", "--role", "Viewer", "--password-stdin"], db, "long-password\n");
        Assert.NotEqual(0, missingEmail.ExitCode);
        Assert.Contains("--email", missingEmail.Error);
    }
}
