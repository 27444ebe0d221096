using Bunit;
using MudBlazor.Services;
using ValueAlign.Core.Evaluation.Reports;
using ValueAlign.Web.Components.Reports;

namespace ValueAlign.Tests.Web.Reports;

public sealed class RunMetricsTableTests
{
    [Fact]
    public async Task A_metric_that_was_not_measured_shows_the_reason_instead_of_a_number()
    {
        await using var ctx = new BunitContext();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddMudServices();
        IReadOnlyList<ReportMetric> metrics =
        [
            new("cross_lingual_consistency", "Cross-lingual consistency", 1, 0.21, 1, 1),
            ReportMetric.Unmeasured("cross_modal_consistency", "Cross-modal consistency", "the model did not see images"),
        ];

        var table = ctx.Render<RunMetricsTable>(p => p.Add(c => c.Metrics, metrics));

        Assert.Equal("not measured: the model did not see images", table.Find("[data-metric=cross_modal_consistency] [data-testid=metric-value]").TextContent);
        Assert.Equal("", table.Find("[data-metric=cross_modal_consistency] [data-testid=metric-interval]").TextContent);
        Assert.Equal("1", table.Find("[data-metric=cross_lingual_consistency] [data-testid=metric-value]").TextContent);
    }
}
