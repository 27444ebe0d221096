using ValueAlign.Core.Accounts;

namespace ValueAlign.Tests.Accounts;

public class RolesTests
{
    [Theory]
    [InlineData("admin", "Admin")]
    [InlineData(" CURATOR ", "Curator")]
    [InlineData("Annotator", "Annotator")]
    [InlineData("viewer", "Viewer")]
    public void Normalize_accepts_any_casing(string input, string expected) => Assert.Equal(expected, Roles.Normalize(input));

    [Theory]
    [InlineData("root")]
    [InlineData("")]
    [InlineData(null)]
    public void Normalize_rejects_unknown_roles(string? input) => Assert.Null(Roles.Normalize(input));
}
