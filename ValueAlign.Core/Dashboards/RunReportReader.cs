using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ValueAlign.Core.Data;
using ValueAlign.Core.Evaluation.Reports;

namespace ValueAlign.Core.Dashboards;

/// <summary>Reads runs with their stored reports, for dashboards, comparisons and exports.</summary>
public sealed class RunReportReader(IDbContextFactory<ValueAlignDbContext> factory)
{
    /// <summary>The runs that exist among <paramref name="runIds"/>, in the order asked.</summary>
    public async Task<IReadOnlyList<LoadedRun>> ReadAsync(IReadOnlyCollection<long> runIds, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var ids = runIds.Distinct().ToList();
        var runs = await db.EvalRuns.AsNoTracking().Where(r => ids.Contains(r.Id)).ToDictionaryAsync(r => r.Id, cancellationToken);
        return ids.Where(runs.ContainsKey).Select(id =>
        {
            var run = runs[id];
            if (string.IsNullOrWhiteSpace(run.ReportJson))
            {
                return new LoadedRun(RunHeader.From(run), null, "The run has no report yet (it has not finished).");
            }
            try
            {
                return new LoadedRun(RunHeader.From(run), RunReportJson.Deserialize(run.ReportJson), null);
            }
            catch (JsonException e)
            {
                return new LoadedRun(RunHeader.From(run), null, $"The run's stored report is unreadable: {e.Message}");
            }
        }).ToList();
    }

    public async Task<LoadedRun?> ReadAsync(long runId, CancellationToken cancellationToken = default) =>
        (await ReadAsync([runId], cancellationToken)).FirstOrDefault();

    /// <summary>Finished runs with a report, newest first, for pickers.</summary>
    public async Task<IReadOnlyList<RunHeader>> ListReportedAsync(int limit = 200, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var runs = await db.EvalRuns.AsNoTracking().Where(r => r.ReportJson != null)
            .OrderByDescending(r => r.Id).Take(limit).ToListAsync(cancellationToken);
        return runs.Select(RunHeader.From).ToList();
    }
}
