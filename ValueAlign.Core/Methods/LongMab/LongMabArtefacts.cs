using System.Text;
using System.Text.Json;
using ValueAlign.Core.Evaluation;
using ValueAlign.Core.Evaluation.Artefacts;

namespace ValueAlign.Core.Methods.LongMab;

/// <summary>
/// The artefacts of a LongMab-PO run: <c>preference-pairs</c> (JSON lines prompt/chosen/rejected),
/// <c>preference-pairs-parquet</c> (the same as a Parquet table with the metadata inside),
/// <c>preference-data-meta</c> (model identity, configuration hash, settings) and <c>rollouts</c>
/// (every rollout of every item, one a line).
/// </summary>
public static class LongMabArtefacts
{
    public static IReadOnlyList<RunArtefactDraft> Build(EvalSummaryInput input)
    {
        var pairs = GeneratedPair.From(input.Results);
        var metadata = Metadata(input.Run, pairs.Count, verifiedOnly: false);
        var jsonl = new MemoryStream();
        PreferenceDataWriter.WriteJsonlAsync(pairs.Select(p => p.Pair), jsonl).GetAwaiter().GetResult();
        var parquet = new MemoryStream();
        PreferenceDataWriter.WriteParquetAsync(pairs.Select(p => p.Pair), metadata, parquet).GetAwaiter().GetResult();
        var rollouts = input.Results
            .Select(r => LongMabTraceJson.TryDeserialize(r.RawOutput))
            .Where(t => t is not null)
            .OrderBy(t => t!.ItemKey, StringComparer.Ordinal)
            .SelectMany(t => t!.Rollouts.Select(r => JsonSerializer.Serialize(new
            {
                item = t.ItemKey, round = r.Round, chunks = r.Chunks, reward = r.Reward, subem = r.SubExactMatch, f1 = r.F1, answer = r.Answer, output = r.Output,
            }, JsonOptions)));
        return
        [
            new RunArtefactDraft("preference-pairs", ArtefactKind.Dataset, "application/x-ndjson; charset=utf-8", "preference-pairs.jsonl", jsonl.ToArray(),
                $"{pairs.Count} DPO pairs (prompt, chosen, rejected) for TRL and LLaMA-Factory"),
            new RunArtefactDraft("preference-pairs-parquet", ArtefactKind.Dataset, "application/vnd.apache.parquet", "preference-pairs.parquet", parquet.ToArray(),
                "The pairs as a Hugging Face datasets Parquet table (metadata in the file)"),
            new RunArtefactDraft("preference-data-meta", ArtefactKind.Report, "application/json; charset=utf-8", "preference-pairs.meta.json",
                Encoding.UTF8.GetBytes(PreferenceDataWriter.MetadataJson(metadata) + "\n"), "Model identity, configuration hash and settings of the pairs"),
            RunArtefactDraft.JsonLines("rollouts", rollouts, "Every rollout: item, round, chunks, reward, answer and output"),
        ];
    }

    /// <summary>The metadata an export of this run's pairs records.</summary>
    public static PreferenceDataMetadata Metadata(EvalRun run, int pairs, bool verifiedOnly)
    {
        var config = $"{{\"filter\":{run.ItemFilterJson},\"method\":\"{run.Method}\",\"parameters\":{run.ParametersJson},\"seed\":{run.Seed}}}";
        return new PreferenceDataMetadata(run.Method, run.ModelFileName, ModelIdentity(run), run.ConfigHash, config, run.Seed, pairs, verifiedOnly,
            new DateTimeOffset(DateTime.SpecifyKind(run.FinishedAt ?? run.CreatedAt, DateTimeKind.Utc)));
    }

    private static string ModelIdentity(EvalRun run) => run.ModelSha256.Contains(':') ? run.ModelSha256 : "sha256:" + run.ModelSha256;

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
