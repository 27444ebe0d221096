using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace ValueAlign.Core.Accounts;

/// <summary>
/// The password rule: a minimum length, at least <see cref="DefaultMinimumLength"/> characters
/// (setting <c>Accounts:MinimumPasswordLength</c> may raise it, never lower it). Length is the
/// only rule; composition rules push people towards predictable passwords.
/// </summary>
public static class PasswordPolicy
{
    public const string MinimumLengthSetting = "Accounts:MinimumPasswordLength";

    public const int DefaultMinimumLength = 12;

    /// <summary>Applies <paramref name="minimumLength"/> after Identity's own configuration.</summary>
    public static IServiceCollection AddPasswordPolicy(this IServiceCollection services, int minimumLength)
    {
        if (minimumLength < DefaultMinimumLength)
        {
            throw new InvalidOperationException(
                $"{MinimumLengthSetting} is {minimumLength}; it must be at least {DefaultMinimumLength}.");
        }
        services.PostConfigure<IdentityOptions>(o => o.Password.RequiredLength = minimumLength);
        return services;
    }
}
