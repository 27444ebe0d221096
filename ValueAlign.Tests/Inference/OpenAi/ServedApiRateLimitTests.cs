using System.Net;
using ValueAlign.Core.Accounts;
using ValueAlign.Tests.Support;

namespace ValueAlign.Tests.Inference.OpenAi;

public sealed class ServedApiRateLimitTests
{
    [Fact]
    public async Task A_key_over_its_burst_gets_429_with_retry_after_while_another_key_is_unaffected()
    {
        await using var host = await ServedApiHost.StartAsync(new Dictionary<string, string?>
        {
            ["Serving:RequestsPerMinute"] = "1",
            ["Serving:Burst"] = "3",
        }, loadModel: false);
        using var client = host.CreateClient(host.ApiKey);
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("v1/models")).StatusCode);
        var limited = await client.GetAsync("v1/models");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Contains("rate_limit_exceeded", await limited.Content.ReadAsStringAsync());
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero, "429 says when to retry");

        var other = await ServedApiHost.CreateUserWithKeyAsync(host.Services, "other@example.org", Roles.Curator);
        using var otherClient = host.CreateClient(other);
        Assert.Equal(HttpStatusCode.OK, (await otherClient.GetAsync("v1/models")).StatusCode);
    }
}
