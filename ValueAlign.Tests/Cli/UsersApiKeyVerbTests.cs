using Microsoft.Extensions.DependencyInjection;
using ValueAlign.Core.Accounts;
using ValueAlign.Core.Accounts.ApiKeys;
using ValueAlign.Tests.Support;

namespace ValueAlign.Tests.Cli;

public class UsersApiKeyVerbTests
{
    [Fact]
    public async Task Users_api_key_create_prints_a_working_key_once_and_revoke_ends_it()
    {
        using var temp = new TempDirectory();
        var db = temp.File("cli-keys.db");
        Assert.Equal(0, (await WorkbenchCommand.RunAsync(["migrate"], db)).ExitCode);
        var add = await WorkbenchCommand.RunAsync(["users", "add", "--email", "cur@example.org", "--role", "Curator", "--password-stdin"], db, "password-123\n");
        Assert.True(add.ExitCode == 0, add.Error);

        var create = await WorkbenchCommand.RunAsync(["users", "api-key", "create", "--email", "cur@example.org", "--name", "laptop"], db);
        Assert.True(create.ExitCode == 0, create.Error);
        var secret = create.Output.Trim();
        Assert.True(ApiKeySecrets.IsWellFormed(secret), create.Output);

        await using (var services = WorkbenchServices.ForSqliteFile(db))
        {
            Assert.Equal(ApiKeyRejection.None, (await services.GetRequiredService<ApiKeyService>().CheckAsync(secret)).Rejection);
        }

        var list = await WorkbenchCommand.RunAsync(["users", "api-key", "list", "--email", "cur@example.org"], db);
        Assert.Contains("laptop", list.Output);
        Assert.Contains(secret[..ApiKeySecrets.PrefixLength], list.Output);
        Assert.DoesNotContain(secret, list.Output);
        var id = list.Output.Split('\t')[0];

        var revoke = await WorkbenchCommand.RunAsync(["users", "api-key", "revoke", "--email", "cur@example.org", "--id", id], db);
        Assert.True(revoke.ExitCode == 0, revoke.Error);
        await using (var services = WorkbenchServices.ForSqliteFile(db))
        {
            Assert.Equal(ApiKeyRejection.Invalid, (await services.GetRequiredService<ApiKeyService>().CheckAsync(secret)).Rejection);
        }
    }

    [Fact]
    public async Task Users_api_key_create_refuses_a_viewer()
    {
        using var temp = new TempDirectory();
        var db = temp.File("cli-viewer.db");
        Assert.Equal(0, (await WorkbenchCommand.RunAsync(["migrate"], db)).ExitCode);
        await WorkbenchCommand.RunAsync(["users", "add", "--email", "v@example.org", "--role", Roles.Viewer, "--password-stdin"], db, "password-123\n");
        var create = await WorkbenchCommand.RunAsync(["users", "api-key", "create", "--email", "v@example.org"], db);
        Assert.Equal(1, create.ExitCode);
        Assert.Contains("Viewer", create.Error);
        Assert.Equal("", create.Output.Trim());
    }
}
