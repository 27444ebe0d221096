using Bunit;
using MudBlazor.Services;
using ValueAlign.Core.Benchmarks.Model;
using ValueAlign.Core.Evaluation;
using ValueAlign.Core.Evaluation.Reports;
using ValueAlign.Web.Components.Reports;

namespace ValueAlign.Tests.Web.Runs;

/// <summary>A run's report says which selected items its method skipped; a report without skipped items says nothing about it.</summary>
public sealed class RunReportSkippedTests : IAsyncLifetime
{
    private readonly BunitContext _ctx = new();

    public Task InitializeAsync()
    {
        _ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        _ctx.Services.AddMudServices();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    private static RunReport Report(IReadOnlyList<SkippedItems>? skipped) =>
        new RunReport("culture-mcq", [new ReportMetric("accuracy", "Accuracy", 0.5)], [], []) { Skipped = skipped };

    [Fact]
    public void The_skipped_kinds_survive_storage_and_show_above_the_metrics()
    {
        var stored = RunReportJson.Deserialize(RunReportJson.Serialize(Report([new SkippedItems(ItemKind.QuestionnaireItem, 12)])));

        var view = _ctx.Render<RunReportView>(p => p.Add(c => c.Report, stored));

        Assert.Equal("Items the method cannot use were left out; skipped: 12 items of kind QuestionnaireItem.", view.Find("[data-testid=run-skipped]").TextContent.Trim());
    }

    [Fact]
    public void A_report_without_skipped_items_stores_no_field_and_shows_no_note()
    {
        var json = RunReportJson.Serialize(Report(null));

        var view = _ctx.Render<RunReportView>(p => p.Add(c => c.Report, RunReportJson.Deserialize(json)));

        Assert.DoesNotContain("skipped", json, StringComparison.Ordinal);
        Assert.Empty(view.FindAll("[data-testid=run-skipped]"));
    }
}
