using System.Text.Json;

namespace ValueAlign.Web.Components.Pages.Annotate;

/// <summary>
/// A submit not yet confirmed, kept in the browser's sessionStorage so a reload or a new circuit
/// can show it again and resubmit it. Resubmitting is safe: the service stores one annotation per
/// reservation and answers a repeat with the first result.
/// </summary>
public sealed record PendingSubmit(long ProjectId, long ReservationId, long ItemId, string AnswersJson, long TimeSpentMs)
{
    public static string StorageKey(long projectId) => $"valuealign.annotate.pending.{projectId}";

    public string ToJson() => JsonSerializer.Serialize(this);

    /// <summary>The stored value, or null when it is missing or not ours (an old or damaged entry is ignored).</summary>
    public static PendingSubmit? FromJson(string? json, long projectId)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }
        try
        {
            var pending = JsonSerializer.Deserialize<PendingSubmit>(json);
            return pending is not null && pending.ProjectId == projectId && pending.ReservationId > 0 ? pending : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
