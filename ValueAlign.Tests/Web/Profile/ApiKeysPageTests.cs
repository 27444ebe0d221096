using System.Security.Claims;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using ValueAlign.Core.Accounts;
using ValueAlign.Core.Accounts.ApiKeys;
using ValueAlign.Core.Data;
using ValueAlign.Tests.Support;
using ValueAlign.Web.Components.Pages.Profile;

namespace ValueAlign.Tests.Web.Profile;

/// <summary>The profile page where a user creates (sees once) and revokes their API keys, over a real SQLite file.</summary>
public sealed class ApiKeysPageTests : IAsyncLifetime
{
    private readonly TempDirectory _temp = new();
    private ServiceProvider _services = default!;
    private BunitContext _ctx = default!;
    private string _userId = "";

    public async Task InitializeAsync()
    {
        _services = WorkbenchServices.ForSqliteFile(_temp.File("page.db"));
        await _services.GetRequiredService<DatabaseMigrator>().MigrateAsync();
        Assert.True((await _services.AddUserAsync("ann@example.org", "long-password-1", Roles.Annotator)).Succeeded);
        await using (var scope = _services.CreateAsyncScope())
        {
            _userId = (await scope.ServiceProvider.GetRequiredService<UserAdministration>().ListAsync()).Single().Id;
        }
        _ctx = new BunitContext();
        _ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        _ctx.Services.AddMudServices();
        _ctx.Services.AddSingleton(_services.GetRequiredService<ApiKeyService>());
        var auth = _ctx.AddAuthorization();
        auth.SetAuthorized("ann@example.org");
        auth.SetWorkbenchRoles(Roles.Annotator);
        auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, _userId));
    }

    public async Task DisposeAsync()
    {
        await _ctx.DisposeAsync();
        await _services.DisposeAsync();
        _temp.Dispose();
    }

    [Fact]
    public async Task Creating_shows_the_secret_once_and_revoking_marks_the_key_revoked()
    {
        var page = _ctx.Render<ApiKeysPage>();
        page.WaitForAssertion(() => Assert.Contains("No keys yet", page.Markup));

        page.Find("[data-testid=api-key-name] input, input[data-testid=api-key-name]").Change("notebook");
        await page.Find("[data-testid=create-api-key]").ClickAsync(new());
        var secret = page.WaitForElement("[data-testid=new-api-key]").TextContent.Trim();
        Assert.True(ApiKeySecrets.IsWellFormed(secret), secret);
        Assert.Equal(ApiKeyRejection.None, (await _services.GetRequiredService<ApiKeyService>().CheckAsync(secret)).Rejection);

        // A fresh render (another visit) lists the key by its prefix only.
        var again = _ctx.Render<ApiKeysPage>();
        again.WaitForAssertion(() => Assert.Contains(secret[..ApiKeySecrets.PrefixLength], again.Markup));
        Assert.DoesNotContain(secret, again.Markup);

        var keyId = Assert.Single(await _services.GetRequiredService<ApiKeyService>().ListAsync(_userId)).Id;
        await again.Find($"[data-testid=revoke-api-key-{keyId}]").ClickAsync(new());
        again.WaitForAssertion(() => Assert.Contains("revoked", again.Find("[data-testid=api-keys-table]").TextContent));
        Assert.Equal(ApiKeyRejection.Invalid, (await _services.GetRequiredService<ApiKeyService>().CheckAsync(secret)).Rejection);
    }
}
