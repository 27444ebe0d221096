using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ValueAlign.Core.Benchmarks.Importers;
using ValueAlign.Core.Benchmarks.Model;

namespace ValueAlign.Core.Methods.LongMab.Verification;

/// <summary>
/// A LongMab-PO pair as a library item for human verification (<see cref="ItemKind.PreferencePair"/>):
/// benchmark <c>longmab-pairs-run-N</c>, the source item's key as id, the question as text, the
/// whole context as context, the two answers as options and the gold answers as the reference.
/// The stored order of the answers is drawn per item (so the reward's choice is sometimes A and
/// sometimes B, which Cohen's κ against the reward needs), and <see cref="BenchmarkItem.Answer"/>
/// names the reward's choice ("A" or "B"); the source record keeps rounds and rewards.
/// </summary>
public static class PreferencePairItem
{
    public const string SourceFormat = "longmab-po-pair";

    public static string BenchmarkOf(long runId) => $"longmab-pairs-run-{runId}";

    /// <summary>True when the reward's chosen answer is stored second (option B) for this run and item.</summary>
    public static bool ChosenSecond(long runId, string itemKey) =>
        (SHA256.HashData(Encoding.UTF8.GetBytes($"pair-order\n{runId}\n{itemKey}"))[0] & 1) == 1;

    /// <summary>"a" or "b": the preference answer value that agrees with the reward.</summary>
    public static string RewardLabel(BenchmarkItem item) => item.Answer == "B" ? "b" : "a";

    public static BenchmarkItem Build(long runId, string configHash, GeneratedPair generated, BenchmarkItem source)
    {
        var pair = generated.Pair;
        var second = ChosenSecond(runId, generated.ItemKey);
        string[] options = second ? [pair.Rejected, pair.Chosen] : [pair.Chosen, pair.Rejected];
        var gold = Benchmarks.LongContext.LongContextQaReader.Read(source).GoldAnswers;
        var record = JsonSerializer.Serialize(new
        {
            run = runId,
            config_hash = configHash,
            item = generated.ItemKey,
            chosen_option = second ? "B" : "A",
            chosen_round = pair.ChosenRound,
            chosen_reward = pair.ChosenReward,
            rejected_round = pair.RejectedRound,
            rejected_reward = pair.RejectedReward,
            gold_answers = gold,
        }, JsonOutput.Compact);
        return new BenchmarkItem
        {
            Benchmark = BenchmarkOf(runId),
            ExternalId = generated.ItemKey,
            Kind = ItemKind.PreferencePair,
            Text = source.Text,
            Context = source.Context,
            OptionsJson = JsonOutput.List(options),
            Answer = second ? "B" : "A",
            Language = source.Language,
            Category = source.Benchmark,
            Explanation = "Gold answer" + (gold.Count == 1 ? "" : "s") + ": " + string.Join(" | ", gold),
            Modality = Modality.Text,
            SourceFormat = SourceFormat,
            SourceRecord = record,
        };
    }
}
