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
}
