using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using ValueAlign.Core.Data;
using ValueAlign.Core.Evaluation.Reports;

namespace ValueAlign.Core.Evaluation;

/// <summary>
/// A run as one JSON document: its configuration, its report (the <see cref="RunReportJson"/>
/// form) and every item result with prompt, raw output, parsed answer, scores and timing. The
/// results stream from the database to the output as they are read, so a run of any size is
/// exported in bounded memory.
/// </summary>
public sealed class EvalRunExport(IDbContextFactory<ValueAlignDbContext> dbFactory)
{
    private static readonly JsonSerializerOptions Indented = new(RunReportJson.Options) { WriteIndented = true };

    public async Task WriteJsonAsync(long runId, Stream output, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var run = await db.EvalRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Id == runId, cancellationToken).ConfigureAwait(false)
            ?? throw new EvalRunException($"There is no run {runId}.");
        var results = from r in db.EvalItemResults.AsNoTracking()
                      join i in db.BenchmarkItems.AsNoTracking() on r.ItemId equals i.Id
                      where r.RunId == runId
                      orderby r.ItemId, r.UnitKey
                      select new { r, i.ExternalId, i.Benchmark };

        var judging = RunJudge.Of(run);
        var runNode = new JsonObject
        {
            ["id"] = run.Id,
            ["name"] = run.Name,
            ["method"] = run.Method,
            ["modelFile"] = run.ModelFileName,
            ["modelPath"] = run.ModelPath,
            ["modelSha256"] = run.ModelSha256,
            ["modelBytes"] = run.ModelBytes,
            ["model"] = JsonNode.Parse(run.ModelIdentity.ToJson()),
            ["judge"] = judging.Judge is { } judge ? JsonNode.Parse(judge.ToJson()) : null,
            ["selfJudged"] = judging.SelfJudged,
            ["itemFilter"] = JsonNode.Parse(run.ItemFilterJson),
            ["parameters"] = JsonNode.Parse(run.ParametersJson),
            ["seed"] = run.Seed,
            ["configHash"] = run.ConfigHash,
            ["textOnly"] = run.TextOnly,
            ["imagesSeen"] = run.ImagesSeen,
            ["projectorFile"] = run.ProjectorFileName,
            ["projectorSha256"] = run.ProjectorSha256,
            ["units"] = run.UnitCount,
            ["createdBy"] = run.CreatedBy,
            ["createdAt"] = run.CreatedAt,
            ["finishedAt"] = run.FinishedAt,
        };
        await using var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = Indented.Encoder });
        writer.WriteStartObject();
        writer.WritePropertyName("run");
        runNode.WriteTo(writer, Indented);
        writer.WritePropertyName("report");
        if ((run.ReportJson is null ? null : JsonNode.Parse(run.ReportJson)) is { } report)
        {
            report.WriteTo(writer, Indented);
        }
        else
        {
            writer.WriteNullValue();
        }
        writer.WriteStartArray("results");
        await foreach (var x in results.AsAsyncEnumerable().WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            new JsonObject
            {
                ["itemId"] = x.r.ItemId,
                ["benchmark"] = x.Benchmark,
                ["externalId"] = x.ExternalId,
                ["unitKey"] = x.r.UnitKey,
                ["prompt"] = x.r.Prompt,
                ["rawOutput"] = x.r.RawOutput,
                ["parsedAnswer"] = x.r.ParsedAnswer,
                ["scores"] = JsonNode.Parse(x.r.ScoresJson),
                ["correct"] = x.r.Correct,
                ["error"] = x.r.Error,
                ["durationMs"] = x.r.DurationMs,
                ["fromCache"] = x.r.FromCache,
            }.WriteTo(writer, Indented);
            if (writer.BytesPending > 64 * 1024)
            {
                await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
