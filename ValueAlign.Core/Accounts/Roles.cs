namespace ValueAlign.Core.Accounts;

/// <summary>The four roles of the workbench, from most to least privileged.</summary>
public static class Roles
{
    public const string Admin = "Admin";
    public const string Curator = "Curator";
    public const string Annotator = "Annotator";
    public const string Viewer = "Viewer";

    public static readonly IReadOnlyList<string> All = [Admin, Curator, Annotator, Viewer];

    /// <summary>Accepts any casing ("admin", "ADMIN") and returns the canonical name, or null.</summary>
    public static string? Normalize(string? role) =>
        All.FirstOrDefault(r => string.Equals(r, role?.Trim(), StringComparison.OrdinalIgnoreCase));
}
