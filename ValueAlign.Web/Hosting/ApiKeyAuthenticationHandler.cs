using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using ValueAlign.Core.Accounts;
using ValueAlign.Core.Accounts.ApiKeys;

namespace ValueAlign.Web.Hosting;

/// <summary>
/// The "ApiKey" authentication scheme of the served /v1 API: <c>Authorization: Bearer va-…</c>
/// checked on every request by <see cref="ApiKeyService"/> (so a revoked key fails at once). A
/// valid key signs in as its owner with the owner's roles, so the <see cref="WorkbenchPolicies.ApiKeys"/>
/// policy decides; a key whose owner is disabled or a Viewer signs in with no role and is refused
/// with 403 and the reason. Refusals are OpenAI error objects.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyService keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string KeyIdClaim = "valuealign:api-key-id";
    private const string RefusalClaim = "valuealign:api-key-refused";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var secret = BearerToken(Request);
        if (secret is null)
            return AuthenticateResult.NoResult();
        var check = await keys.CheckAsync(secret, Context.RequestAborted);
        if (check.Rejection == ApiKeyRejection.Invalid)
            return AuthenticateResult.Fail(check.Reason!);
        var claims = new List<Claim>();
        if (check.Caller is { } caller)
        {
            claims.Add(new Claim(ClaimTypes.NameIdentifier, caller.UserId));
            claims.Add(new Claim(ClaimTypes.Name, caller.Email));
            claims.Add(new Claim(KeyIdClaim, caller.KeyId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            claims.AddRange(caller.Roles.Select(r => new Claim(ClaimTypes.Role, r)));
        }
        else
        {
            claims.Add(new Claim(RefusalClaim, check.Reason ?? "This key may not call the models."));
        }
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        return WriteAsync(StatusCodes.Status401Unauthorized, "The API key is missing, malformed, unknown or revoked.", "invalid_api_key");
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        var result = await Context.AuthenticateAsync(SchemeName);
        var reason = result.Principal?.FindFirstValue(RefusalClaim) ?? "The key's account may not call the models (Viewers get no API access).";
        await WriteAsync(StatusCodes.Status403Forbidden, reason, "permission_denied");
    }

    internal static string? BearerToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && header.Length > 7 ? header[7..].Trim() : null;
    }

    private Task WriteAsync(int status, string message, string code)
    {
        Response.StatusCode = status;
        Response.ContentType = "application/json";
        var body = new JsonObject
        {
            ["error"] = new JsonObject
            {
                ["message"] = $"{message} Create a key on /account/api-keys and send it as 'Authorization: Bearer <key>'.",
                ["type"] = "authentication_error",
                ["param"] = null,
                ["code"] = code,
            },
        };
        return Response.WriteAsync(body.ToJsonString(), Context.RequestAborted);
    }
}
