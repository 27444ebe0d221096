using System.Net;
using ValueAlign.Tests.Support;

namespace ValueAlign.Tests.Web;

public sealed class FirstRunTests(WorkbenchServerFixture fixture) : IClassFixture<WorkbenchServerFixture>
{
    [Fact]
    public async Task Empty_database_offers_first_admin_setup_once_then_requires_sign_in()
    {
        using var client = fixture.Server.CreateClient();

        var login = await client.GetAsync("/account/login");
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("/setup", login.Headers.Location!.AbsolutePath);

        var mismatch = await WorkbenchSession.PostFormAsync(client, "/setup", "/account/setup", new Dictionary<string, string>
        {
            ["Email"] = "first@example.org",
            ["Password"] = "first-admin-pw",
            ["ConfirmPassword"] = "something-else",
        });
        Assert.Contains("differ", Uri.UnescapeDataString(mismatch.Headers.Location!.OriginalString));

        var created = await WorkbenchSession.PostFormAsync(client, "/setup", "/account/setup", new Dictionary<string, string>
        {
            ["Email"] = "first@example.org",
            ["Password"] = "first-admin-pw",
            ["ConfirmPassword"] = "first-admin-pw",
        });
        Assert.Equal("/", created.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin/users")).StatusCode);

        using var stranger = fixture.Server.CreateClient();
        var setupAgain = await stranger.GetAsync("/setup");
        Assert.Equal(HttpStatusCode.Redirect, setupAgain.StatusCode);
        Assert.Equal("/account/login", setupAgain.Headers.Location!.AbsolutePath);
        Assert.Equal(HttpStatusCode.OK, (await stranger.GetAsync("/account/login")).StatusCode);
    }
}
