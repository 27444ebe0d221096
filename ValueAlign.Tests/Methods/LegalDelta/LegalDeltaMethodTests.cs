using ValueAlign.Core.Benchmarks.Model;
using ValueAlign.Core.Methods.LegalDelta;
using ValueAlign.Tests.Benchmarks;
using ValueAlign.Tests.Evaluation;
using ValueAlign.Tests.Methods.LongMab;
using ValueAlign.Tests.Support;

namespace ValueAlign.Tests.Methods.LegalDelta;

/// <summary>
/// The legal-delta method over items imported from the real LegalΔ sample, with a scripted model:
/// prompts, both teacher-forced passes, information gain, task score, reward and the report,
/// against values worked out by hand.
/// </summary>
public class LegalDeltaMethodTests
{
    private static async Task<List<BenchmarkItem>> SampleItemsAsync()
    {
        using var lib = await LibraryDatabase.CreateAsync();
        await lib.ImportAsync(SharedFolder.File("datasets", "legaldelta", "GRPO_dev.sample.json"));
        return await lib.ItemsAsync();
    }

    /// <summary>Answers every case with the gold answer of the charge item in the shape; log-prob −0.5 per token after reasoning, −2 direct.</summary>
    private static ScriptedChatModel Model(Func<string, string> answer) => new()
    {
        Respond = (prompt, _) => answer(prompt),
        TokenLogProb = (prompt, _, _) => prompt.Contains("</reasoning>") ? -0.5 : -2.0,
    };

    [Fact]
    public async Task A_correct_well_formed_answer_earns_task_score_gain_and_reward_as_computed_by_hand()
    {
        var items = await SampleItemsAsync();
        var charge = items.Single(i => i.ExternalId == "case_new_valid_big_1");
        var model = Model(_ => "<reasoning>\n被告人销售假药。\n</reasoning>\n<answer>\n[罪名]生产、销售假药<eoa>\n</answer>");
        var (outcomes, report) = await MethodHarness.RunAsync(new LegalDeltaMethod(), [charge], LegalDeltaParameters.Schema.DefaultsJson, model);

        var outcome = Assert.Single(outcomes).Result;
        // IG = mean(−0.5) − mean(−2) = 1.5; reward = 5 · σ(1.5 / 5) + 1 = 5 / (1 + e^−0.3) + 1 = 3.872212584058295.
        Assert.Equal(5, outcome.Scores["task_score"]);
        Assert.Equal(1.5, outcome.Scores["information_gain"], 12);
        Assert.Equal(3.872212584058295, outcome.Scores["reward"], 12);
        Assert.Equal(1, outcome.Scores["format_valid"]);
        Assert.True(outcome.Correct);
        Assert.Equal("生产、销售假药", outcome.ParsedAnswer);
        Assert.StartsWith("\n**任务描述：**", outcome.Prompt);
        Assert.EndsWith("足以认定。\r\n", outcome.Prompt);

        // The gold answer, with its tag and end marker, is forced after the reasoning and after the
        // answer-only instruction; both passes end in the same "<answer>\n".
        var record = LegalDeltaRecord.TryParse(outcome.RawOutput)!;
        Assert.Equal("被告人销售假药。", record.Reasoning);
        Assert.Equal("[罪名]生产、销售假药<eoa>", string.Concat(record.AnswerTokens.Select(t => t.Text)));
        Assert.All(record.AnswerTokens, t => Assert.Equal(1.5, t.Gain, 12));
        var item = LegalDeltaItem.From(charge);
        Assert.Contains("{详细分析过程}", item.Instruction);
        Assert.DoesNotContain("{详细分析过程}", item.DirectInstruction);
        Assert.EndsWith("</reasoning>\n<answer>\n", LegalDeltaPrompts.AfterReasoning(item, record.Reasoning));
        Assert.StartsWith(item.DirectInstruction + item.Question, LegalDeltaPrompts.Direct(item));
        Assert.EndsWith("\n<answer>\n", LegalDeltaPrompts.Direct(item));

        Assert.Equal(5, report.Metric("task_score:charge").Value);
        Assert.Equal(1, report.Metric("format_valid_rate").Value);
    }

    [Fact]
    public async Task A_malformed_output_still_measures_gain_but_loses_the_format_reward()
    {
        var items = await SampleItemsAsync();
        var term = items.Where(i => i.Category == "prison-term" && i.Answer == "36月").First();
        // No closing tags: the format fails; the reasoning is what follows <reasoning>, the answer is still read.
        var model = Model(_ => "<reasoning>\n考虑情节\n<answer>[刑期]72月");
        var (outcomes, report) = await MethodHarness.RunAsync(new LegalDeltaMethod(), [term], "{}", model);
        var s = Assert.Single(outcomes).Result.Scores;
        Assert.Equal(0, s["format_valid"]);
        // Prison term: 5 · (ln 36 − |ln 37 − ln 73|) / ln 36.
        var task = 5 * (Math.Log(36) - Math.Abs(Math.Log(37) - Math.Log(73))) / Math.Log(36);
        Assert.Equal(task, s["task_score"], 12);
        Assert.Equal(task / (1 + Math.Exp(-0.3)), s["reward"], 12);
        Assert.Equal("考虑情节", LegalDeltaRecord.TryParse(outcomes[0].Result.RawOutput)!.Reasoning);
        Assert.Equal(0, report.Metric("format_valid_rate:prison-term").Value);
    }

    [Fact]
    public async Task The_report_groups_task_score_gain_format_and_reward_by_task_type()
    {
        var items = (await SampleItemsAsync()).GroupBy(i => i.Category).SelectMany(g => g.Take(2)).ToList();
        Assert.Equal(10, items.Count);
        // Right answers for charges only; a direct pass that is better than reasoning for amounts.
        var model = new ScriptedChatModel
        {
            Respond = (prompt, _) => prompt.Contains("[罪名]{具体的罪名}")
                ? "<reasoning>\nx\n</reasoning>\n<answer>\n[罪名]" + items.First(i => prompt.EndsWith(i.Text, StringComparison.Ordinal)).Answer + "<eoa>\n</answer>"
                : "no idea",
            TokenLogProb = (prompt, _, _) => prompt.Contains("</reasoning>") ? -1.0 : prompt.Contains("[金额]") ? -0.5 : -1.5,
        };
        var (_, report) = await MethodHarness.RunAsync(new LegalDeltaMethod(), items, "{}", model);
        Assert.Equal(5, report.Metric("task_score:charge").Value);
        Assert.Equal(0, report.Metric("task_score:amount").Value);
        Assert.Equal(0.5, report.Metric("information_gain:charge").Value!.Value, 12);
        Assert.Equal(-0.5, report.Metric("information_gain:amount").Value!.Value, 12);
        Assert.Equal(1, report.Metric("format_valid_rate:charge").Value);
        Assert.Equal(0, report.Metric("format_valid_rate:law-article").Value);
        var histogram = report.Chart("information-gain-histogram")!;
        Assert.Equal(["-0.5", "0.0", "0.5"], histogram.Categories);
        Assert.Equal([2, 0, 0], histogram.Series.Single(s => s.Name == "amount").Values.Select(v => v!.Value));
        Assert.Equal([0, 0, 2], histogram.Series.Single(s => s.Name == "charge").Values.Select(v => v!.Value));
        Assert.Equal(5, report.Tables.Single().Rows.Count);
    }
}
