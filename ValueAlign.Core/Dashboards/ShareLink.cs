namespace ValueAlign.Core.Dashboards;

/// <summary>A newly created link. <see cref="Token"/> exists only here: it is not stored and cannot be shown again.</summary>
public sealed record ShareLink(long ShareId, string Token, DateTime? ExpiresAt)
{
    public string RelativeUrl => "/shared/" + Token;
}
