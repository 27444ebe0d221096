using System.Net;

namespace ValueAlign.Tests.Support;

public static class AccessAssert
{
    /// <summary>An allowed page answers 200; a forbidden one redirects to the access-denied page.</summary>
    public static void ReachedOrDenied(HttpResponseMessage response, bool allowed)
    {
        if (allowed)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        else
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/account/access-denied", response.Headers.Location!.PathAndQuery);
        }
    }
}
