namespace ValueAlign.Core.Methods.Picaco;

/// <summary>The aligned and noisy pools of one task prompt after a round.</summary>
public sealed record PromptPools(string PromptId, IReadOnlyList<ScoredResponse> Aligned, IReadOnlyList<ScoredResponse> Noisy)
{
    public static PromptPools Empty(string promptId) => new(promptId, [], []);
}
