using System.Net;
using ValueAlign.Core.Accounts;
using ValueAlign.Tests.Support;
using ValueAlign.Web.Components.Account;

namespace ValueAlign.Tests.Web.Security;

/// <summary>A workbench behind a TLS proxy with tight sign-in limits (8 attempts per IP, 3 per account, per minute) and AllowedHosts set.</summary>
public sealed class SignInServerFixture : IAsyncLifetime
{
    public const string Password = "protect-password-1";

    public WorkbenchServer Server { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        Server = await WorkbenchServer.StartAsync(new Dictionary<string, string>
        {
            ["SignIn:AttemptsPerIpPerMinute"] = "8",
            ["SignIn:AttemptsPerAccountPerMinute"] = "3",
            ["ReverseProxy:Enabled"] = "true",
            ["ReverseProxy:KnownProxies"] = "127.0.0.1",
            ["AllowedHosts"] = "workbench.example.org;127.0.0.1",
        });
        await using var services = WorkbenchServices.ForSqliteFile(Server.DatabasePath);
        foreach (var name in new[] { "known", "disabled", "busy" })
        {
            Assert.True((await services.AddUserAsync($"{name}@example.org", Password, Roles.Viewer)).Succeeded);
        }
        await using var scope = services.CreateAsyncScope();
        var admin = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<UserAdministration>(scope.ServiceProvider);
        var disabled = (await admin.ListAsync()).Single(u => u.Email == "disabled@example.org");
        Assert.True((await admin.SetDisabledAsync(disabled.Id, true)).Succeeded);
    }

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

public sealed class SignInProtectionTests(SignInServerFixture fixture) : IClassFixture<SignInServerFixture>
{
    private async Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password) =>
        await WorkbenchSession.PostFormAsync(client, "/account/login", "/account/login",
            new Dictionary<string, string> { ["Email"] = email, ["Password"] = password });

    [Fact]
    public async Task Answers_do_not_tell_accounts_apart_and_attempts_are_limited_per_account_and_per_ip()
    {
        using var client = fixture.Server.CreateClient();
        // 1–3: unknown, disabled, wrong password: one and the same answer.
        var unknown = await SignInAsync(client, "nobody@example.org", SignInServerFixture.Password);
        var disabled = await SignInAsync(client, "disabled@example.org", SignInServerFixture.Password);
        var wrong = await SignInAsync(client, "known@example.org", "not-the-password");
        Assert.All(new[] { unknown, disabled, wrong }, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        Assert.Equal(unknown.Headers.Location, disabled.Headers.Location);
        Assert.Equal(unknown.Headers.Location, wrong.Headers.Location);
        Assert.Contains(AccountEndpoints.Refused, Uri.UnescapeDataString(unknown.Headers.Location!.OriginalString));

        // 4–7: per account: three attempts a minute, then even the right password is refused, with the same answer.
        for (var i = 0; i < 3; i++)
        {
            Assert.Contains("error=", (await SignInAsync(client, "busy@example.org", "wrong-" + i)).Headers.Location!.OriginalString);
        }
        var limited = await SignInAsync(client, "busy@example.org", SignInServerFixture.Password);
        Assert.Equal(unknown.Headers.Location, limited.Headers.Location);

        // 8: still within the address's eight; 9: the address is refused whatever the account.
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(client, "other@example.org", "x")).StatusCode);
        var blocked = await SignInAsync(client, "known@example.org", SignInServerFixture.Password);
        Assert.Equal(HttpStatusCode.TooManyRequests, blocked.StatusCode);
        Assert.Contains("Too many sign-in attempts", await blocked.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Behind_the_proxy_https_gets_hsts_and_secure_cookies()
    {
        using var client = fixture.Server.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/account/login");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-Host", "workbench.example.org");
        var https = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, https.StatusCode);
        Assert.StartsWith("max-age=31536000", Assert.Single(https.Headers.GetValues("Strict-Transport-Security")));
        Assert.All(https.Headers.GetValues("Set-Cookie"), c => Assert.Contains("secure", c, StringComparison.OrdinalIgnoreCase));

        using var plainClient = fixture.Server.CreateClient();
        var plain = await plainClient.GetAsync("/account/login");
        Assert.False(plain.Headers.Contains("Strict-Transport-Security"));
        Assert.All(plain.Headers.GetValues("Set-Cookie"), c => Assert.DoesNotContain("secure", c, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Only_the_allowed_hosts_are_answered()
    {
        using var client = fixture.Server.CreateClient();
        async Task<HttpStatusCode> GetAsHostAsync(string host)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/account/login");
            request.Headers.Host = host;
            using var response = await client.SendAsync(request);
            return response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.OK, await GetAsHostAsync("workbench.example.org"));
        Assert.Equal(HttpStatusCode.BadRequest, await GetAsHostAsync("evil.example"));
        Assert.Equal(HttpStatusCode.BadRequest, await GetAsHostAsync("workbench.example.org.evil.example"));
    }
}
