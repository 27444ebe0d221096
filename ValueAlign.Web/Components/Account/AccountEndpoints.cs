using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using ValueAlign.Core.Accounts;

namespace ValueAlign.Web.Components.Account;

/// <summary>
/// Sign-in, sign-out and first-admin set-up as plain form posts: cookies can only be written
/// from an HTTP response, not from an interactive circuit. Antiforgery is checked by the
/// framework because the endpoints bind [FromForm].
/// </summary>
public static class AccountEndpoints
{
    public static void MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // [FromForm] binding makes the framework validate the antiforgery token: a forged or
        // expired form gets 400 before any handler runs (covered by a test).
        // Signing in, out and setting up the first admin need no account.
        var group = endpoints.MapGroup("/account").AllowAnonymous();

        group.MapPost("/login", async (
            [FromForm] SignInForm form,
            SignInManager<AppUser> signIn,
            UserManager<AppUser> users,
            Hosting.AccountAttempts attempts) =>
        {
            var returnUrl = SafeReturnUrl(form.ReturnUrl);
            if (!attempts.TryAttempt(form.Email))
            {
                return BackToLogin(Refused, returnUrl);
            }
            var user = await users.FindByEmailAsync(form.Email?.Trim() ?? "");
            if (await SignInPrecheck.RefuseAsync(users, user, form.Password))
            {
                // Unknown, disabled or locked: the answer of a wrong password, after the same hashing work.
                return BackToLogin(Refused, returnUrl);
            }
            var result = await signIn.PasswordSignInAsync(user!.UserName ?? "", form.Password ?? "", form.RememberMe, lockoutOnFailure: true);
            return result.Succeeded ? Results.LocalRedirect(returnUrl) : BackToLogin(Refused, returnUrl);
        }).RequireRateLimiting(Hosting.SignInProtection.PolicyName);

        group.MapPost("/logout", async ([FromForm] string? returnUrl, SignInManager<AppUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return Results.LocalRedirect("/account/login");
        });

        group.MapPost("/setup", async (
            [FromForm] FirstAdminForm form,
            UserAdministration admin,
            SignInManager<AppUser> signIn,
            UserManager<AppUser> users) =>
        {
            if (form.Password != form.ConfirmPassword)
            {
                return Results.LocalRedirect("/setup?error=" + Uri.EscapeDataString("The two passwords differ."));
            }
            var created = await admin.CreateFirstAdminAsync(form.Email ?? "", form.Password ?? "");
            if (!created.Succeeded)
            {
                return Results.LocalRedirect("/setup?error=" + Uri.EscapeDataString(created.ToString()));
            }
            var user = await users.FindByEmailAsync(form.Email!.Trim());
            await signIn.SignInAsync(user!, isPersistent: false);
            return Results.LocalRedirect("/");
        });
    }

    /// <summary>The one answer to every failed sign-in: unknown, disabled, locked, wrong password or too many attempts.</summary>
    public const string Refused = "Wrong email or password, or the account cannot sign in now (locked or disabled). Try again later or ask an Admin.";

    private static IResult BackToLogin(string error, string returnUrl) =>
        Results.LocalRedirect($"/account/login?error={Uri.EscapeDataString(error)}&returnUrl={Uri.EscapeDataString(returnUrl)}");

    /// <summary>Only local paths: an absolute or protocol-relative URL would be an open redirect.</summary>
    internal static string SafeReturnUrl(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//") && !returnUrl.StartsWith("/\\")
            ? returnUrl
            : "/";

    public sealed class SignInForm
    {
        public string? Email { get; set; }
        public string? Password { get; set; }
        public bool RememberMe { get; set; }
        public string? ReturnUrl { get; set; }
    }

    public sealed class FirstAdminForm
    {
        public string? Email { get; set; }
        public string? Password { get; set; }
        public string? ConfirmPassword { get; set; }
    }
}
