using System.Text.Json;
using ValueAlign.Core.Methods.LegalDelta;
using ValueAlign.Tests.Support;

namespace ValueAlign.Tests.Methods.LegalDelta;

/// <summary>The scorers against the released LegalΔ sample in ../shared/datasets/legaldelta.</summary>
public class LegalDeltaSampleTests
{
    private static IEnumerable<JsonElement> Records(string file)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(SharedFolder.File("datasets", "legaldelta", file)));
        return doc.RootElement.EnumerateArray().Select(e => e.Clone()).ToList();
    }

    [Fact]
    public void Every_gold_answer_parses_and_scores_full_marks_against_itself()
    {
        var records = Records("GRPO_dev.sample.json").ToList();
        Assert.Equal(50, records.Count);
        var types = new HashSet<LegalTaskType>();
        foreach (var r in records)
        {
            var gold = LegalAnswer.ParseGold(r.GetProperty("answer").GetString()!);
            types.Add(gold.Type);
            Assert.True(LegalTaskScore.Of(gold, gold) == 5, $"{r.GetProperty("id").GetString()}: {gold} does not score 5 against itself.");
        }
        Assert.Equal(Enum.GetValues<LegalTaskType>().ToHashSet(), types);
    }

    [Fact]
    public void Distilled_sft_outputs_have_the_rewarded_format_and_match_their_gold()
    {
        // Most released SFT outputs are the template wrapped in a ``` fence; they pass, and their
        // answer has the gold's task type. The ones that fail use another tag (e.g. <reason>),
        // which the format reward must not accept.
        var records = Records("SFT_training.sample.json").ToList();
        var valid = 0;
        foreach (var r in records)
        {
            var output = r.GetProperty("output").GetString()!;
            if (!LegalFormat.TryRead(output, out _, out var answer))
            {
                Assert.True(!output.Contains("<reasoning>") || !output.Contains("</reasoning>"),
                    $"{r.GetProperty("id").GetString()} has the reasoning block but failed the format check.");
                continue;
            }
            valid++;
            var gold = LegalAnswer.ParseGold(r.GetProperty("answer").GetString()!);
            Assert.Equal(gold.Type, answer!.Type);
        }
        Assert.True(valid >= records.Count - 2, $"Only {valid} of {records.Count} SFT outputs passed the format check.");
    }
}
