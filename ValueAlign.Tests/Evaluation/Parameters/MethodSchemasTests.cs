using Microsoft.Extensions.DependencyInjection;
using ValueAlign.Core.Evaluation;
using ValueAlign.Core.Methods;
using ValueAlign.Core.Methods.Couple;
using ValueAlign.Core.Methods.LegalDelta;
using ValueAlign.Core.Methods.LongMab;
using ValueAlign.Tests.Methods.Optimisation;

namespace ValueAlign.Tests.Evaluation.Parameters;

/// <summary>Every shipped method declares a schema whose defaults are exactly the default parameters runs were created with before schemas existed.</summary>
public sealed class MethodSchemasTests
{
    /// <summary>The DefaultParametersJson literals before parameter schemas: a default run's configuration hash depends on them.</summary>
    private static readonly Dictionary<string, string> DefaultsBeforeSchemas = new()
    {
        ["culture-mcq"] = """{"circular":false,"grounding":true,"heldOutThemes":[],"maxTokens":96,"mode":"likelihood"}""",
        ["honesty"] = """{"maxTokens":160}""",
        ["mova"] = """{"mode":"all-at-once"}""",
        ["questionnaire"] = """{"check":true}""",
        ["dilemmas"] = """{"shuffle":true}""",
        ["legal-delta"] = """{"formatReward":1,"maxTokens":768,"temperature":0}""",
        ["longmab-po"] = """{"chunkTokens":256,"chunksPerRound":4,"maxAnswerTokens":256,"overlapSentences":2,"rounds":30,"temperature":0.7}""",
        ["picaco"] = """{"valueSet":"confucianism-4","prompts":50,"rounds":10,"alignedPool":10,"noisyPool":15,"candidates":4}""",
        ["irote"] = """{"trait":"big-five:agreeableness","scorer":"judge","prompts":10,"rounds":5,"candidates":10,"behaviours":3,"samples":6,"keep":3}""",
        ["value-conformity"] = """{"valueSet":"confucianism-4","instruction":"","prompts":20}""",
        ["counterfactual-study"] = "{}",
    };

    [Fact]
    public async Task Every_shipped_method_declares_a_schema_and_keeps_its_default_parameters_and_so_its_hash()
    {
        await using var bed = await OptimisationRunBed.CreateAsync(services =>
        {
            services.AddMethod<CoupleRegistration>(EvalTestBed.MethodFiles);
            services.AddMethod<LongMabRegistration>(EvalTestBed.MethodFiles);
            services.AddMethod<LegalDeltaRegistration>(EvalTestBed.MethodFiles);
        });
        var methods = bed.Services.GetRequiredService<EvaluationMethods>().All;

        Assert.Equal(DefaultsBeforeSchemas.Keys.Order(), methods.Select(m => m.Id).Order());
        foreach (var method in methods)
        {
            Assert.False(method.Parameters.IsOpen, $"{method.Id} declares no parameter schema");
            Assert.Equal(CanonicalJson.Normalize(DefaultsBeforeSchemas[method.Id]), method.DefaultParametersJson);
            Assert.All(method.Parameters.Parameters, p => Assert.False(string.IsNullOrWhiteSpace(p.Help), $"{method.Id}.{p.Name} has no help text"));
            // A default object is valid except for what the user must fill in (the instruction to compare, a study's objectives).
            Assert.All(method.Parameters.Validate(method.DefaultParametersJson), e => Assert.EndsWith("is required.", e.Message, StringComparison.Ordinal));
        }
    }
}
