using System.Net;
using ValueAlign.Core.Accounts;
using ValueAlign.Tests.Support;

namespace ValueAlign.Tests.Web;

/// <summary>
/// Who can reach what, over real HTTP against the running workbench. Each test class gets its
/// own server (and database), so the first-run test sees an empty database.
/// </summary>
public sealed class AccessControlTests(WorkbenchServerFixture fixture) : IClassFixture<WorkbenchServerFixture>
{
    private const string Password = "correct-horse-1";
    private static readonly SemaphoreSlim SeedGate = new(1, 1);
    private static readonly HashSet<string> Seeded = [];

    private WorkbenchServer Server => fixture.Server;

    // Pages every signed-in user may open, and pages only some roles may open.
    public static TheoryData<string, string, bool> RolePageMatrix => new()
    {
        { Roles.Admin, "/", true },
        { Roles.Curator, "/", true },
        { Roles.Annotator, "/", true },
        { Roles.Viewer, "/", true },
        { Roles.Admin, "/admin/users", true },
        { Roles.Curator, "/admin/users", false },
        { Roles.Annotator, "/admin/users", false },
        { Roles.Viewer, "/admin/users", false },
        // Running counterfactuals uses the one shared model: curators and admins only.
        { Roles.Admin, "/counterfactuals", true },
        { Roles.Curator, "/counterfactuals", true },
        { Roles.Annotator, "/counterfactuals", false },
        { Roles.Viewer, "/counterfactuals", false },
        { Roles.Admin, "/counterfactuals/study", true },
        { Roles.Curator, "/counterfactuals/study", true },
        { Roles.Annotator, "/counterfactuals/study", false },
        { Roles.Viewer, "/counterfactuals/study", false },
        // Generating preference data starts runs on the shared model.
        { Roles.Admin, "/preference-data", true },
        { Roles.Curator, "/preference-data", true },
        { Roles.Annotator, "/preference-data", false },
        { Roles.Viewer, "/preference-data", false },
    };

    [Theory]
    [MemberData(nameof(RolePageMatrix))]
    public async Task Each_role_reaches_exactly_its_pages(string role, string page, bool allowed)
    {
        using var client = await SignedInClientAsync(role);
        var response = await client.GetAsync(page);
        AccessAssert.ReachedOrDenied(response, allowed);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/admin/users")]
    public async Task Anonymous_requests_to_protected_pages_redirect_to_sign_in(string page)
    {
        await EnsureUserAsync(Roles.Admin);
        using var client = Server.CreateClient();
        var response = await client.GetAsync(page);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/login", response.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task Unknown_address_gives_a_not_found_page()
    {
        using var client = Server.CreateClient();
        var response = await client.GetAsync("/no/such/page");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Not found", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Sign_in_page_is_open_and_carries_an_antiforgery_token()
    {
        await EnsureUserAsync(Roles.Admin);
        using var client = Server.CreateClient();
        var response = await client.GetAsync("/account/login");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("__RequestVerificationToken", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Sign_in_post_without_antiforgery_token_is_rejected()
    {
        await EnsureUserAsync(Roles.Viewer);
        using var client = Server.CreateClient();
        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = Email(Roles.Viewer),
            ["Password"] = Password,
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("expired", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Repeated_wrong_passwords_lock_the_account()
    {
        const string email = "lockme@example.org";
        await using (var services = WorkbenchServices.ForSqliteFile(Server.DatabasePath))
        {
            Assert.True((await services.AddUserAsync(email, Password, Roles.Viewer)).Succeeded);
        }
        using var client = Server.CreateClient();
        for (var i = 0; i < 5; i++)
        {
            var wrong = await WorkbenchSession.PostFormAsync(client, "/account/login", "/account/login",
                new Dictionary<string, string> { ["Email"] = email, ["Password"] = "wrong-password" });
            Assert.Contains("error=", wrong.Headers.Location!.OriginalString);
        }
        var right = await WorkbenchSession.PostFormAsync(client, "/account/login", "/account/login",
            new Dictionary<string, string> { ["Email"] = email, ["Password"] = Password });
        // Locked: refused with the one answer every failed sign-in gets.
        Assert.Contains(ValueAlign.Web.Components.Account.AccountEndpoints.Refused, Uri.UnescapeDataString(right.Headers.Location!.OriginalString));
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task Return_url_is_kept_local()
    {
        await EnsureUserAsync(Roles.Curator);
        using var client = Server.CreateClient();
        var response = await WorkbenchSession.PostFormAsync(client, "/account/login", "/account/login", new Dictionary<string, string>
        {
            ["Email"] = Email(Roles.Curator),
            ["Password"] = Password,
            ["ReturnUrl"] = "https://evil.example.org/",
        });
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    private static string Email(string role) => $"{role.ToLowerInvariant()}@example.org";

    private async Task EnsureUserAsync(string role)
    {
        await SeedGate.WaitAsync();
        try
        {
            var key = Server.DatabasePath + role;
            if (Seeded.Add(key))
            {
                await using var services = WorkbenchServices.ForSqliteFile(Server.DatabasePath);
                var result = await services.AddUserAsync(Email(role), Password, role);
                Assert.True(result.Succeeded, result.ToString());
            }
        }
        finally
        {
            SeedGate.Release();
        }
    }

    private async Task<HttpClient> SignedInClientAsync(string role)
    {
        await EnsureUserAsync(role);
        var client = Server.CreateClient();
        await WorkbenchSession.SignInAsync(client, Email(role), Password);
        return client;
    }
}
