using System.CommandLine;
using ValueAlign.Core.Accounts;

namespace ValueAlign.Web.Cli;

public static class UsersCommand
{
    public static Command Create()
    {
        var users = new Command("users", "Manage workbench accounts.");

        var email = new Option<string>("--email") { Description = "Email address; also the sign-in name.", Required = true };
        var role = new Option<string>("--role") { Description = $"One of {string.Join(", ", Roles.All)}.", Required = true };
        var passwordStdin = new Option<bool>("--password-stdin")
        {
            Description = "Read the password from the first line of standard input (keeps it out of the shell history).",
        };
        var add = new Command("add", "Create an account with a role.") { email, role, passwordStdin };
        add.SetAction(async (ParseResult parse, CancellationToken ct) =>
        {
            var console = CliConsole.Current;
            if (!parse.GetValue(passwordStdin))
            {
                console.Error.WriteLine("Pass --password-stdin and give the password on standard input.");
                return 2;
            }
            var password = (await console.In.ReadLineAsync(ct))?.TrimEnd('\r') ?? "";
            await using var services = await CliServices.CreateAsync(ct);
            await using var scope = services.CreateAsyncScope();
            var result = await scope.ServiceProvider.GetRequiredService<UserAdministration>()
                .CreateAsync(parse.GetValue(email)!, password, parse.GetValue(role)!);
            if (!result.Succeeded)
            {
                console.Error.WriteLine($"Could not create the user: {result}");
                return 1;
            }
            console.Out.WriteLine($"Created {parse.GetValue(email)} with role {Roles.Normalize(parse.GetValue(role))}.");
            return 0;
        });

        var list = new Command("list", "List accounts with their roles.");
        list.SetAction(async (ParseResult _, CancellationToken ct) =>
        {
            var console = CliConsole.Current;
            await using var services = await CliServices.CreateAsync(ct);
            await using var scope = services.CreateAsyncScope();
            foreach (var user in await scope.ServiceProvider.GetRequiredService<UserAdministration>().ListAsync(ct))
            {
                console.Out.WriteLine($"{user.Email}\t{string.Join(",", user.Roles)}\t{(user.IsDisabled ? "disabled" : "active")}");
            }
            return 0;
        });

        users.Subcommands.Add(add);
        users.Subcommands.Add(list);
        users.Subcommands.Add(UsersApiKeyCommand.Create());
        return users;
    }
}
