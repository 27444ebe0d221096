using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ValueAlign.Core.Accounts;
using ValueAlign.Core.Data;

namespace ValueAlign.Core.Inference.OpenAi;

/// <summary>
/// The OpenAI-compatible servers as an Admin manages them on the Models page: the list (servers
/// from <c>Backends:Servers</c> shown read-only, merged with the stored ones), add, change,
/// remove, and a connection test (GET /v1/models). Every operation demands
/// <see cref="WorkbenchPolicies.ServerAdmin"/> here, not only in the page. Keys are never
/// accepted, stored, shown or logged: a server names the environment variable that holds its key.
/// </summary>
public sealed class ServerAdministration(ServerDirectory directory, IDbContextFactory<ValueAlignDbContext> dbFactory, TimeProvider clock)
{
    /// <summary>How long a connection test waits for the server at most.</summary>
    public static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(15);

    public async Task<IReadOnlyList<ServerListing>> ListAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        WorkbenchPolicies.Demand(user, WorkbenchPolicies.ServerAdmin);
        return (await directory.ListAsync(cancellationToken).ConfigureAwait(false)).Select(ToListing).ToList();
    }

    /// <summary>The stored server's form, for editing; null when there is no such stored server.</summary>
    public async Task<ServerForm?> FormAsync(ClaimsPrincipal user, long id, CancellationToken cancellationToken = default)
    {
        WorkbenchPolicies.Demand(user, WorkbenchPolicies.ServerAdmin);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var row = await db.Set<ServerBackend>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken).ConfigureAwait(false);
        return row is null ? null : ServerForm.From(row);
    }

    public Task<ServerSaveResult> AddAsync(ClaimsPrincipal user, ServerForm form, CancellationToken cancellationToken = default) =>
        SaveAsync(user, null, form, cancellationToken);

    public Task<ServerSaveResult> UpdateAsync(ClaimsPrincipal user, long id, ServerForm form, CancellationToken cancellationToken = default) =>
        SaveAsync(user, id, form, cancellationToken);

    /// <summary>Removes a stored server; false when there is none with this id. Runs that used it cannot resume until a server of that name exists again.</summary>
    public async Task<bool> RemoveAsync(ClaimsPrincipal user, long id, CancellationToken cancellationToken = default)
    {
        WorkbenchPolicies.Demand(user, WorkbenchPolicies.ServerAdmin);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.Set<ServerBackend>().Where(s => s.Id == id).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false) > 0;
    }

    /// <summary>Asks the server in the form (saved or not) for its models, with the key its variable holds.</summary>
    public async Task<ServerTestResult> TestAsync(ClaimsPrincipal user, ServerForm form, CancellationToken cancellationToken = default)
    {
        WorkbenchPolicies.Demand(user, WorkbenchPolicies.ServerAdmin);
        ArgumentNullException.ThrowIfNull(form);
        if ((ServerForm.UrlProblem(form.BaseUrl) ?? ServerForm.KeyVariableProblem(form.ApiKeyVariable)) is { } problem)
            return new ServerTestResult(false, [], [], problem, "");
        var server = new ConfiguredServer
        {
            Name = form.Name.Trim() is { Length: > 0 } name ? name : new Uri(form.BaseUrl.Trim()).Authority,
            BaseUrl = form.BaseUrl.Trim(),
            ApiKeyVariable = Blank(form.ApiKeyVariable),
            TimeoutSeconds = form.TimeoutSeconds,
        };
        return await TestAsync(server, form.ModelIds, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Asks a listed server (from configuration or stored) for its models.</summary>
    public async Task<ServerTestResult> TestAsync(ClaimsPrincipal user, string name, CancellationToken cancellationToken = default)
    {
        WorkbenchPolicies.Demand(user, WorkbenchPolicies.ServerAdmin);
        var known = (await directory.ListAsync(cancellationToken).ConfigureAwait(false)).FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));
        return known is null
            ? new ServerTestResult(false, [], [], $"No server named '{name}'.", "")
            : await TestAsync(known.Settings, known.Models, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<ServerTestResult> TestAsync(ConfiguredServer server, IReadOnlyList<string> expected, CancellationToken cancellationToken)
    {
        var keyNote = KeyNote(server);
        var timeout = TimeSpan.FromSeconds(Math.Clamp(server.TimeoutSeconds, 1, (int)TestTimeout.TotalSeconds));
        var settings = new OpenAiServerSettings
        {
            Name = server.Name,
            BaseUrl = new Uri(server.BaseUrl),
            Model = expected.FirstOrDefault() ?? "test",
            ApiKey = server.ResolveApiKey(),
            MaxInFlight = 1,
            Timeout = timeout,
            MaxRetries = 0,
        };
        try
        {
            using var transport = new OpenAiTransport(settings);
            var ids = OpenAiResponses.ModelIds(await transport.GetAsync("models", cancellationToken).ConfigureAwait(false));
            var missing = expected.Where(id => !ids.Contains(id, StringComparer.Ordinal)).ToList();
            var message = ids.Count == 0 ? "The server answered but lists no models."
                : missing.Count == 0 ? $"Connected: the server lists {ids.Count} model(s)."
                : $"Connected, but the server does not list {string.Join(", ", missing)}; it lists {string.Join(", ", ids)}.";
            return new ServerTestResult(ids.Count > 0 && missing.Count == 0, ids, missing, message, keyNote);
        }
        catch (OpenAiServerException e)
        {
            var hint = e.Status is 401 or 403
                ? server.ApiKeyVariable is { Length: > 0 } ? $" Check the key in {server.ApiKeyVariable}." : " The server wants a key: name the environment variable that holds it."
                : e.Status is 404 ? " Is the base URL right? It usually ends with /v1." : "";
            return new ServerTestResult(false, [], [], e.Message + hint, keyNote);
        }
    }

    private async Task<ServerSaveResult> SaveAsync(ClaimsPrincipal user, long? id, ServerForm form, CancellationToken cancellationToken)
    {
        WorkbenchPolicies.Demand(user, WorkbenchPolicies.ServerAdmin);
        ArgumentNullException.ThrowIfNull(form);
        var problems = form.Validate().ToList();
        var name = form.Name.Trim();
        if (problems.All(p => p.Field != nameof(ServerForm.Name)))
        {
            var clash = (await directory.ListAsync(cancellationToken).ConfigureAwait(false))
                .FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase) && (id is null || s.Id != id));
            if (clash is not null)
                problems.Add(new(nameof(ServerForm.Name), clash.Origin == ServerOrigin.Configuration
                    ? $"'{clash.Name}' is a server of the configuration (Backends:Servers); choose another name."
                    : $"A server named '{clash.Name}' exists already."));
        }
        if (problems.Count > 0)
            return new ServerSaveResult(null, problems);

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        ServerBackend? row;
        if (id is { } existing)
        {
            row = await db.Set<ServerBackend>().FirstOrDefaultAsync(s => s.Id == existing, cancellationToken).ConfigureAwait(false);
            if (row is null)
                return new ServerSaveResult(null, [new(nameof(ServerForm.Name), "This server was removed in the meantime.")]);
        }
        else
        {
            row = new ServerBackend { CreatedBy = user.Identity?.Name ?? "", CreatedAt = clock.GetUtcNow().UtcDateTime };
            db.Add(row);
        }
        row.Name = name;
        row.BaseUrl = form.BaseUrl.Trim().TrimEnd('/');
        row.Model = string.Join(ServerDirectory.ModelSeparator, form.ModelIds);
        row.ApiKeyVariable = Blank(form.ApiKeyVariable);
        row.MaxInFlight = form.MaxInFlight;
        row.TimeoutSeconds = form.TimeoutSeconds;
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException)
        {
            // Another Admin saved the same name a moment ago (unique index).
            return new ServerSaveResult(null, [new(nameof(ServerForm.Name), $"A server named '{name}' exists already.")]);
        }
        return new ServerSaveResult(ToListing(new KnownServer(new ConfiguredServer
        {
            Name = row.Name, BaseUrl = row.BaseUrl, ApiKeyVariable = row.ApiKeyVariable, MaxInFlight = row.MaxInFlight, TimeoutSeconds = row.TimeoutSeconds,
        }, ServerOrigin.ModelsPage, row.Id, ServerDirectory.SplitModels(row.Model))), []);
    }

    private static ServerListing ToListing(KnownServer server) => new(
        server.Id, server.Name, server.Settings.BaseUrl, server.Models, server.Settings.ApiKeyVariable, SourceOf(server.Settings),
        server.Settings.MaxInFlight, server.Settings.TimeoutSeconds, server.Origin);

    private static ApiKeySource SourceOf(ConfiguredServer server) =>
        server.ApiKey is { Length: > 0 } ? ApiKeySource.Configuration
        : server.ApiKeyVariable is not { Length: > 0 } variable ? ApiKeySource.None
        : string.IsNullOrEmpty(Environment.GetEnvironmentVariable(variable)) ? ApiKeySource.VariableMissing
        : ApiKeySource.VariableSet;

    private static string KeyNote(ConfiguredServer server) => SourceOf(server) switch
    {
        ApiKeySource.VariableSet => $"Sent the key from {server.ApiKeyVariable}.",
        ApiKeySource.VariableMissing => $"{server.ApiKeyVariable} is not set in the workbench's environment: the request went without a key.",
        ApiKeySource.Configuration => "Sent the key from configuration.",
        _ => "Sent no key.",
    };

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
