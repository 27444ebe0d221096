using System.CommandLine;
using System.Globalization;
using ValueAlign.Core.Accounts.ApiKeys;

namespace ValueAlign.Web.Cli;

/// <summary>
/// `users api-key create --email E [--name N]` prints a new key for the served /v1 API once
/// (only its hash is stored); `users api-key list --email E`; `users api-key revoke --email E --id N`.
/// </summary>
public static class UsersApiKeyCommand
{
    public static Command Create()
    {
        var command = new Command("api-key", "Personal keys for the workbench's OpenAI-compatible API (/v1).");

        var email = new Option<string>("--email") { Description = "The account the key belongs to.", Required = true };
        var name = new Option<string>("--name") { Description = "What the key is for (shown in the key list).", DefaultValueFactory = _ => "cli" };
        var create = new Command("create", "Create a key and print it once; store it where you keep secrets.") { email, name };
        create.SetAction(async (ParseResult parse, CancellationToken ct) =>
        {
            var console = CliConsole.Current;
            await using var services = await CliServices.CreateAsync(ct);
            var (created, error) = await services.GetRequiredService<ApiKeyService>().CreateForEmailAsync(parse.GetValue(email)!, parse.GetValue(name)!, ct);
            if (created is null)
            {
                console.Error.WriteLine($"Could not create the key: {error}");
                return 1;
            }
            console.Error.WriteLine($"Created key {created.Key.Id} ({created.Key.Name}) for {parse.GetValue(email)}. It is shown only now:");
            console.Out.WriteLine(created.Secret);
            return 0;
        });

        var listEmail = new Option<string>("--email") { Description = "The account whose keys to list.", Required = true };
        var list = new Command("list", "List an account's keys (id, name, prefix, state); never the secrets.") { listEmail };
        list.SetAction(async (ParseResult parse, CancellationToken ct) =>
        {
            var console = CliConsole.Current;
            await using var services = await CliServices.CreateAsync(ct);
            foreach (var key in await services.GetRequiredService<ApiKeyService>().ListForEmailAsync(parse.GetValue(listEmail)!, ct))
            {
                var state = key.RevokedAt is { } revoked ? $"revoked {revoked:yyyy-MM-dd HH:mm}" : "active";
                console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{key.Id}\t{key.Name}\t{key.Prefix}…\t{state}"));
            }
            return 0;
        });

        var revokeEmail = new Option<string>("--email") { Description = "The key's owner.", Required = true };
        var id = new Option<long>("--id") { Description = "Key id from `users api-key list`.", Required = true };
        var revoke = new Command("revoke", "Revoke a key; requests with it are refused (401) from now on.") { revokeEmail, id };
        revoke.SetAction(async (ParseResult parse, CancellationToken ct) =>
        {
            var console = CliConsole.Current;
            await using var services = await CliServices.CreateAsync(ct);
            if (!await services.GetRequiredService<ApiKeyService>().RevokeForEmailAsync(parse.GetValue(revokeEmail)!, parse.GetValue(id), ct))
            {
                console.Error.WriteLine($"{parse.GetValue(revokeEmail)} has no active key {parse.GetValue(id)}.");
                return 1;
            }
            console.Out.WriteLine($"Revoked key {parse.GetValue(id)}.");
            return 0;
        });

        command.Subcommands.Add(create);
        command.Subcommands.Add(list);
        command.Subcommands.Add(revoke);
        return command;
    }
}
