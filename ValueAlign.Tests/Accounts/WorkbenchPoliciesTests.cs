using System.Security.Claims;
using ValueAlign.Core.Accounts;

namespace ValueAlign.Tests.Accounts;

public sealed class WorkbenchPoliciesTests
{
    private static ClaimsPrincipal User(params string[] roles) =>
        new(new ClaimsIdentity(roles.Select(r => new Claim(ClaimTypes.Role, r)), "cookie"));

    [Theory]
    [InlineData(Roles.Viewer, WorkbenchPolicies.RunRead, true)]
    [InlineData(Roles.Viewer, WorkbenchPolicies.RunWrite, false)]
    [InlineData(Roles.Annotator, WorkbenchPolicies.RunRead, false)]
    [InlineData(Roles.Annotator, WorkbenchPolicies.Annotate, true)]
    [InlineData(Roles.Viewer, WorkbenchPolicies.Annotate, false)]
    [InlineData(Roles.Curator, WorkbenchPolicies.ModelAdmin, true)]
    [InlineData(Roles.Curator, WorkbenchPolicies.UserAdmin, false)]
    [InlineData(Roles.Admin, WorkbenchPolicies.UserAdmin, true)]
    [InlineData(Roles.Annotator, WorkbenchPolicies.ModelUse, false)]
    [InlineData(Roles.Annotator, WorkbenchPolicies.SignedIn, true)]
    public void Allows_follows_the_role_table(string role, string policy, bool allowed) =>
        Assert.Equal(allowed, WorkbenchPolicies.Allows(User(role), policy));

    [Fact]
    public void A_role_claim_without_a_signed_in_identity_is_refused()
    {
        var unauthenticated = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Role, Roles.Admin)]));
        Assert.False(WorkbenchPolicies.Allows(unauthenticated, WorkbenchPolicies.SignedIn));
        Assert.False(WorkbenchPolicies.Allows(null, WorkbenchPolicies.SignedIn));
    }

    [Fact]
    public void Policies_for_a_viewer_are_the_read_only_ones()
    {
        Assert.Equal([WorkbenchPolicies.SignedIn, WorkbenchPolicies.RunRead, WorkbenchPolicies.AgreementRead], WorkbenchPolicies.PoliciesFor([Roles.Viewer]));
        Assert.Equal(WorkbenchPolicies.All, WorkbenchPolicies.PoliciesFor([Roles.Admin]));
        Assert.Empty(WorkbenchPolicies.PoliciesFor([]));
    }

    [Fact]
    public void Demand_throws_a_refusal_that_names_the_policy_and_its_roles()
    {
        var e = Assert.Throws<WorkbenchAccessDeniedException>(() => WorkbenchPolicies.Demand(User(Roles.Viewer), WorkbenchPolicies.RunWrite));
        Assert.Equal(WorkbenchPolicies.RunWrite, e.Policy);
        Assert.Contains("Admin, Curator", e.Message);
        WorkbenchPolicies.Demand(User(Roles.Curator), WorkbenchPolicies.RunWrite);
    }

    [Fact]
    public void An_unknown_policy_name_is_an_error_not_a_refusal() =>
        Assert.Throws<ArgumentException>(() => WorkbenchPolicies.Allows(User(Roles.Admin), "RunsRead"));
}
