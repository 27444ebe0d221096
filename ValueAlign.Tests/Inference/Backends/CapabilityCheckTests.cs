using ValueAlign.Core.Inference;
using ValueAlign.Core.Inference.Backends;

namespace ValueAlign.Tests.Inference.Backends;

public sealed class CapabilityCheckTests
{
    private static ResolvedModel Server(string id, ModelCapabilities capabilities) =>
        new(ModelChoice.Server("gpu", id), ModelRef.Server("http://gpu:8000/v1", id), capabilities);

    private static ResolvedModel Local(string name) =>
        new(ModelChoice.Local(name), ModelRef.LocalFile(name, new string('a', 64)), LocalModelBackend.TextCapabilities);

    [Fact]
    public void Missing_lists_each_absent_flag_once_in_flag_order()
    {
        Assert.Equal(
            [ModelCapabilities.ContinuationLogLikelihood, ModelCapabilities.Tokenization],
            CapabilityCheck.Missing(ModelCapabilities.Generation | ModelCapabilities.Tokenization | ModelCapabilities.ContinuationLogLikelihood, ModelCapabilities.Generation));
        Assert.Empty(CapabilityCheck.Missing(ModelCapabilities.LocalText, ModelCapabilities.LocalText | ModelCapabilities.Images));
        Assert.Equal([ModelCapabilities.Images], CapabilityCheck.Missing(ModelCapabilities.Images | ModelCapabilities.Generation, ModelCapabilities.LocalText));
    }

    [Fact]
    public void A_missing_capability_is_named_with_the_model_and_the_documented_alternative()
    {
        var needs = new MethodNeeds(ModelCapabilities.ContinuationLogLikelihood)
            .WithAlternative(ModelCapabilities.ContinuationLogLikelihood, "set \"mode\": \"generate\"");
        var chatOnly = Server("llama-70b", ModelCapabilities.Generation | ModelCapabilities.JsonSchema);

        var problem = CapabilityCheck.Problem("culture-mcq", needs, chatOnly, null);

        Assert.Equal("culture-mcq needs continuation log-likelihood from the evaluated model, and llama-70b @ http://gpu:8000/v1 does not offer it. Alternative: set \"mode\": \"generate\".", problem);
        Assert.Null(CapabilityCheck.Problem("culture-mcq", needs, Local("stories.gguf"), null));
        Assert.Throws<ModelChoiceException>(() => CapabilityCheck.Require("culture-mcq", needs, chatOnly, null));
    }

    [Fact]
    public void The_judge_is_checked_separately_and_is_the_model_itself_when_none_is_chosen()
    {
        var needs = new MethodNeeds(ModelCapabilities.Generation, ModelCapabilities.TopLogProbs | ModelCapabilities.Tokenization);
        var chatOnly = Server("chat", ModelCapabilities.Generation);

        var selfJudged = CapabilityCheck.Problem("counterfactual-study", needs, chatOnly, null)!;
        Assert.Contains("next-token log-probs from the evaluated model (judging itself)", selfJudged);
        Assert.Contains("tokenization from the evaluated model (judging itself)", selfJudged);

        Assert.Null(CapabilityCheck.Problem("counterfactual-study", needs, chatOnly, Local("judge.gguf")));
        var badJudge = CapabilityCheck.Problem("counterfactual-study", needs, Local("model.gguf"), chatOnly)!;
        Assert.StartsWith("counterfactual-study needs next-token log-probs from the judge, and chat @ http://gpu:8000/v1", badJudge);

        // A method that judges nothing ignores the judge.
        Assert.Null(CapabilityCheck.Problem("mova", new MethodNeeds(ModelCapabilities.Generation), Local("m.gguf"), chatOnly));
    }

    [Fact]
    public void Capabilities_read_as_words()
    {
        Assert.Equal("text generation, continuation log-likelihood, next-token log-probs, grammar-constrained output, embeddings, tokenization", CapabilityCheck.Names(ModelCapabilities.LocalText));
        Assert.Equal("none", CapabilityCheck.Names(ModelCapabilities.None));
    }
}
