namespace ValueAlign.Web.Cli;

/// <summary>The wording of <c>--judge</c>, shared by the verbs that judge.</summary>
internal static class JudgeOption
{
    public const string Description =
        "The judge for methods that judge (honesty, culture-mcq generate with grounding, counterfactual study and COUPLE): a GGUF file "
        + "inside the models folder, or MODEL @ SERVER. Loaded next to the evaluated model. Left out, the evaluated model judges itself "
        + "and the run is marked self-judged.";
}
