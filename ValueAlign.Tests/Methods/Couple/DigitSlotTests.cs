using ValueAlign.Core.Methods.Couple;
using ValueAlign.Core.Values;
using ValueAlign.Core.Values.Objectives;
using ValueAlign.Tests.Values;

namespace ValueAlign.Tests.Methods.Couple;

/// <summary>Digit slots under tokenizers where the whole JSON does not tokenize like its prefixes, or digits are not distinct tokens.</summary>
public sealed class DigitSlotTests
{
    private static readonly ValueSystem System = ValueSystemFiles.Shipped.Get("schwartz-10");

    private static CounterfactualRequest Request() =>
        new(System, ValueObjective.Uniform(System, 3), "Should we share?", "Yes, share.");

    [Fact]
    public async Task A_digit_merged_with_the_next_character_is_read_on_its_own_prefix()
    {
        var script = new CoupleScript(System);
        var model = new ScriptedLanguageModel(script.Respond)
        {
            // A digit followed by a comma becomes one token (id 5000 + digit), as a BPE merge would.
            Tokenizer = text =>
            {
                var tokens = new List<int>();
                for (var i = 0; i < text.Length; i++)
                {
                    if (char.IsAsciiDigit(text[i]) && i + 1 < text.Length && text[i + 1] == ',')
                    {
                        tokens.Add(5000 + text[i] - '0');
                        i++;
                    }
                    else
                    {
                        tokens.Add(ScriptedLanguageModel.TokenOf(text[i]));
                    }
                }
                return tokens;
            },
        };
        var profile = await new PriorityAttributor(model, new CoupleOptions()).AttributeAsync(System, "q", "r", new CoupleTrace().Begin("test"), CancellationToken.None);

        // Nine slots are followed by a comma and read alone; the last (before "}") shares the full pass.
        Assert.Equal(10, model.LogProbCalls.Count);
        Assert.All(model.LogProbCalls.Take(9), c => Assert.Equal(c.Tokens.Count - 2, Assert.Single(c.Positions)));
        Assert.All(profile!.Ratings, r => Assert.Equal(0.5 * 3 + 1.5, r.Expectation, 12));
    }

    [Fact]
    public async Task Digits_that_are_not_distinct_tokens_fall_back_to_the_generated_digit_with_an_error()
    {
        var script = new CoupleScript(System);
        var model = new ScriptedLanguageModel(script.Respond)
        {
            Tokenizer = text => [.. text.Select(c => c is >= '1' and <= '5' ? 4242 : ScriptedLanguageModel.TokenOf(c))],
        };
        var result = await new CoupleMethod(model, new CoupleOptions()).RunAsync(Request());

        Assert.Empty(model.LogProbCalls);
        Assert.All(result.Abduction!.Profile.Ratings, r =>
        {
            Assert.Null(r.Probabilities);
            Assert.Equal(3.0, r.Expectation);
        });
        Assert.Contains(result.Errors, e => e.StartsWith("Abduction: rating of self-direction: slot 1: the digits 1..5 do not tokenize as single distinct tokens", StringComparison.Ordinal));
        Assert.True(result.AlreadyMeetsObjective); // uniform 3 generated for a uniform-3 target
    }
}
