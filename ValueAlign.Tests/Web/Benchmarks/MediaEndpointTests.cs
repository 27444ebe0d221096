using System.Net;
using ValueAlign.Core.Accounts;

namespace ValueAlign.Tests.Web.Benchmarks;

/// <summary><c>GET /media/…</c> over real HTTP: served only from the media folder, with its content type.</summary>
public sealed class MediaEndpointTests(LibraryServerFixture fixture) : IClassFixture<LibraryServerFixture>
{
    [Fact]
    public async Task Image_is_served_with_its_bytes_and_content_type()
    {
        var (client, _) = await fixture.SignedInAsync(Roles.Viewer);
        using var _c = client;
        var response = await client.GetAsync("/media/ok.png");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(LibraryServerFixture.Png, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task Audio_in_a_subfolder_is_served_as_audio_and_supports_ranges()
    {
        var (client, _) = await fixture.SignedInAsync(Roles.Annotator);
        using var _c = client;
        var request = new HttpRequestMessage(HttpMethod.Get, "/media/sub/tone.wav");
        request.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(0, 3);
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal("audio/wav", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("RIFF"u8.ToArray(), await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Missing_media_is_404_with_a_message()
    {
        var (client, _) = await fixture.SignedInAsync(Roles.Viewer);
        using var _c = client;
        var response = await client.GetAsync("/media/demo/no-such-picture.png");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("missing", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Files_that_are_not_media_types_are_refused()
    {
        var (client, _) = await fixture.SignedInAsync(Roles.Viewer);
        using var _c = client;
        var response = await client.GetAsync("/media/notes.txt");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("not media", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Anonymous_requests_redirect_to_sign_in()
    {
        using var client = fixture.Server.CreateClient();
        var response = await client.GetAsync("/media/ok.png");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/login", response.Headers.Location!.AbsolutePath);
    }

    public static TheoryData<string> TraversalPaths => new()
    {
        "/media/../secret.txt",
        "/media/sub/../../secret.txt",
        "/media/%2e%2e%2fsecret.txt",
        "/media/%2E%2E/secret.txt",
        "/media/..%2fsecret.txt",
        "/media/..%2Fsecret.txt",
        "/media/sub/..%2f..%2fsecret.txt",
        "/media/%252e%252e%252fsecret.txt",
        "/media/..%252fsecret.txt",
        "/media/..%5csecret.txt",
        "/media/%2fetc%2fpasswd",
        "/media//etc/passwd",
    };

    [Theory]
    [MemberData(nameof(TraversalPaths))]
    public async Task Path_traversal_is_refused(string rawPath)
    {
        var (client, cookies) = await fixture.SignedInAsync(Roles.Admin);
        using var _c = client;
        var (status, body) = await fixture.RawGetAsync(rawPath, cookies);
        Assert.NotEqual(200, status);
        Assert.True(status is 400 or 404, $"{rawPath} gave {status}");
        Assert.DoesNotContain(LibraryServerFixture.SecretMarker, body);
        Assert.DoesNotContain("root:", body);
    }

    [Fact]
    public async Task Absolute_path_to_an_existing_file_is_refused()
    {
        var (client, cookies) = await fixture.SignedInAsync(Roles.Admin);
        using var _c = client;
        var (status, body) = await fixture.RawGetAsync("/media/" + Uri.EscapeDataString(fixture.SecretPath), cookies);
        Assert.Equal(400, status);
        Assert.DoesNotContain(LibraryServerFixture.SecretMarker, body);
    }
}
