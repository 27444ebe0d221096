using LLama.Native;
using ValueAlign.Core.Inference.LlamaSharp;

namespace ValueAlign.Tests.Inference.Runtime;

/// <summary>How the echo scorer groups prompts that share a prefix (a question's options) and keeps unrelated prompts apart.</summary>
public sealed class PromptGroupingTests
{
    private static LLamaToken[] T(params int[] ids) => ids.Select(i => (LLamaToken)i).ToArray();

    [Fact]
    public void Options_of_one_question_share_its_prompt_and_the_next_question_starts_a_new_group()
    {
        var prompts = new[]
        {
            T(1, 10, 11, 12, 13, 20), T(1, 10, 11, 12, 13, 21, 22), T(1, 10, 11, 12, 13, 23),
            T(1, 30, 31, 32, 40), T(1, 30, 31, 32, 41),
        };
        var groups = LlamaPromptScorer.Groups(prompts).ToList();
        Assert.Equal(2, groups.Count);
        Assert.Equal([0, 1, 2], groups[0].Members);
        Assert.Equal(5, groups[0].Prefix);
        Assert.Equal(5 + 1 + 2 + 1, groups[0].Tokens);
        Assert.Equal(3, groups[0].Sequences);
        Assert.Equal([3, 4], groups[1].Members);
        Assert.Equal(4, groups[1].Prefix);
    }

    [Fact]
    public void Prompts_sharing_only_bos_stay_alone_and_identical_prompts_share_everything()
    {
        var groups = LlamaPromptScorer.Groups([T(1, 5, 6, 7), T(1, 8, 9, 10), T(1, 8, 9, 10)]).ToList();
        Assert.Equal(2, groups.Count);
        Assert.Equal([0], groups[0].Members);
        Assert.Equal(4, groups[0].Prefix);
        Assert.Equal(1, groups[0].Sequences);
        Assert.Equal([1, 2], groups[1].Members);
        Assert.Equal(4, groups[1].Prefix);
        Assert.Equal(4, groups[1].Tokens);
        Assert.Equal(1, groups[1].Sequences);
    }

    [Fact]
    public void The_next_rotation_of_a_question_starts_its_own_group_instead_of_shrinking_the_prefix_to_the_question()
    {
        // Question text 1,10,11,12,13; option list 50,51,52 then, rotated, 51,52,50; four one-token continuations each.
        var rotation0 = new[] { 60, 61, 62, 63 }.Select(o => T(1, 10, 11, 12, 13, 50, 51, 52, o));
        var rotation1 = new[] { 61, 62, 63, 60 }.Select(o => T(1, 10, 11, 12, 13, 51, 52, 50, o));
        var groups = LlamaPromptScorer.Groups([.. rotation0, .. rotation1]).ToList();

        Assert.Equal(2, groups.Count);
        Assert.Equal([0, 1, 2, 3], groups[0].Members);
        Assert.Equal(8, groups[0].Prefix);
        Assert.Equal(8 + 4, groups[0].Tokens);
        Assert.Equal([4, 5, 6, 7], groups[1].Members);
        Assert.Equal(8, groups[1].Prefix);
        // One group over all eight would share only the question (5 tokens): 5 + 8 × 4 = 37 tokens instead of 24.
    }
}
