namespace ValueAlign.Core.Annotation.Projects;

/// <summary>A user as the membership picker shows them.</summary>
public sealed record ProjectMemberInfo(string UserId, string Email, string? DisplayName)
{
    public string Name => string.IsNullOrWhiteSpace(DisplayName) ? Email : $"{DisplayName} ({Email})";
}
