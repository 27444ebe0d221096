using Bunit;
using MudBlazor.Services;
using ValueAlign.Core.Evaluation;
using ValueAlign.Core.Methods.LegalDelta;
using ValueAlign.Core.Methods.LongMab;
using ValueAlign.Web.Components.Pages.Runs;

namespace ValueAlign.Tests.Web.Runs;

/// <summary>The per-method views in a run result's details: LegalΔ's per-token gain and LongMab-PO's rollouts.</summary>
public sealed class MethodResultDetailsTests : IAsyncLifetime
{
    private readonly BunitContext _ctx = new();

    public Task InitializeAsync()
    {
        _ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        _ctx.Services.AddMudServices();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    private IRenderedComponent<MethodResultDetails> Render(string method, string rawOutput) =>
        _ctx.Render<MethodResultDetails>(p => p.Add(x => x.Method, method).Add(x => x.Result, new EvalItemResult { RawOutput = rawOutput }));

    [Fact]
    public void Legal_delta_shows_the_reasoning_and_each_answer_token_coloured_by_its_gain()
    {
        var record = new LegalDeltaRecord("<reasoning>想</reasoning>", "分析案情", false,
        [
            new LegalDeltaToken(11, "[罪名]", -0.5, -2.0),
            new LegalDeltaToken(12, "盗窃", -3.0, -1.5),
            new LegalDeltaToken(13, "<eoa>", -0.1, -0.1),
        ]);
        var view = Render(LegalDeltaMethod.MethodId, record.Serialize());

        Assert.Equal("分析案情", view.Find("[data-testid=legal-delta-reasoning]").TextContent);
        Assert.Contains("not in the rewarded format", view.Find("[data-testid=legal-delta-view]").TextContent);
        var tokens = view.FindAll("[data-testid=token-gains] .token-gain");
        Assert.Equal(["[罪名]", "盗窃", "<eoa>"], tokens.Select(t => t.TextContent));
        Assert.Equal(["1.5", "-1.5", "0"], tokens.Select(t => t.GetAttribute("data-gain")));
        Assert.Equal("background: rgba(76, 175, 80, 0.5)", tokens[0].GetAttribute("style"));
        Assert.Equal("background: rgba(244, 67, 54, 0.5)", tokens[1].GetAttribute("style"));
        Assert.Contains("with reasoning -0.5, direct -2, difference 1.5", tokens[0].GetAttribute("title"));
        Assert.Equal(3, view.FindAll("[data-testid=token-gain-table] tbody tr").Count);
    }

    [Fact]
    public void Longmab_shows_each_round_and_the_pair()
    {
        LongMabRollout Rollout(int round, double reward) => new(round, [0, 2], [0.5, 0.4], 1, "out", $"a{round}", reward, reward, reward, [0.1, 0.2, 0.3]);
        var trace = new LongMabTrace("b/x", "Q?", ["a"], [], "probe", [], [Rollout(1, 1), Rollout(2, 0)], "P",
            new PreferencePair("P", "out", "out", 1, 2, 1, 0), true);
        var view = Render(LongMabMethod.MethodId, LongMabTraceJson.Serialize(trace));
        Assert.Contains("chosen round 1 (reward 1), rejected round 2 (reward 0)", view.Find("[data-testid=trace-pair]").TextContent);
        var rows = view.FindAll("[data-testid=trace-rollouts] tbody tr");
        Assert.Equal(2, rows.Count);
        Assert.Equal("1, 3", rows[0].QuerySelectorAll("td")[1].TextContent);
    }

    [Fact]
    public void Other_methods_and_unreadable_outputs_add_nothing()
    {
        Assert.Empty(Render("culture-mcq", "{\"output\":\"x\"}").Markup.Trim());
        Assert.Empty(Render(LegalDeltaMethod.MethodId, "plain text").Markup.Trim());
    }
}
