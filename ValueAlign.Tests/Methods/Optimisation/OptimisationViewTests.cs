using ValueAlign.Core.Evaluation;
using ValueAlign.Core.Methods.Irote;
using ValueAlign.Core.Methods.Optimisation;
using ValueAlign.Core.Methods.Picaco;

namespace ValueAlign.Tests.Methods.Optimisation;

/// <summary>
/// What the live view reads off an optimisation run before it has stopped: a running PICACO run
/// (no stop reason yet) has none, rather than falling through to the IROTE document it does not
/// have (the /optimise/{run} page broke on this until the run stopped).
/// </summary>
public sealed class OptimisationViewTests
{
    private static readonly TargetValue Trait = new("big-five", "agreeableness", "Agreeableness", "Kind and cooperative.");

    [Fact]
    public void A_running_picaco_run_has_no_stop_reason_and_no_result_yet()
    {
        var view = new OptimisationView(new EvalRun(), new PicacoDocument("picaco", null, [Trait], new PicacoSettings { Rounds = 2 }, [], [], null, null), null);

        Assert.Null(view.StopReason);
        Assert.Null(view.Result);
        Assert.Equal((0, 2), (view.RoundsDone, view.Rounds));
    }

    [Fact]
    public void Each_method_reports_its_own_stop_reason_and_result()
    {
        var picaco = new OptimisationView(new EvalRun(), new PicacoDocument("picaco", null, [Trait], new PicacoSettings(), [], [], "Be kind.", "reached the round limit (2)"), null);
        var irote = new OptimisationView(new EvalRun(), null, new IroteDocument("irote", Trait, "judge", new IroteSettings(), [], [], "I help.", null));

        Assert.Equal(("Be kind.", "reached the round limit (2)"), (picaco.Result, picaco.StopReason));
        Assert.Equal("I help.", irote.Result);
        Assert.Null(irote.StopReason);
    }
}
