using Microsoft.Extensions.DependencyInjection;
using ValueAlign.Core.Benchmarks.Model;
using ValueAlign.Core.Benchmarks.Query;
using ValueAlign.Core.Evaluation;
using ValueAlign.Core.Inference;
using ValueAlign.Core.Inference.Backends;
using ValueAlign.Core.Methods.Culture;
using ValueAlign.Core.Methods.Honesty;
using ValueAlign.Core.Methods.Mova;
using ValueAlign.Tests.Evaluation;
using ValueAlign.Tests.Values;

namespace ValueAlign.Tests.Inference.Backends;

public sealed class RunCreationCapabilityTests
{
    private static Task<EvalTestBed> BedWithChatOnlyServerAsync() =>
        EvalTestBed.CreateAsync(null, services => services.AddSingleton<IModelBackend>(new DeclaredCapabilitiesBackend(ModelCapabilities.Generation)), new MovaMethod(ValueSystemFiles.Shipped));

    private static EvalRunRequest Request(string method, ItemFilter filter, string parameters, ModelChoice model, ModelChoice? judge = null) =>
        new(model.ToString(), method, filter, parameters) { Model = model, Judge = judge };

    [Fact]
    public async Task Likelihood_scoring_on_a_chat_only_server_is_refused_at_creation_naming_generate_then_extract()
    {
        await using var bed = await BedWithChatOnlyServerAsync();
        await bed.ImportCultureItemsAsync([EvalTestBed.CultureRow("q1")]);
        var filter = new ItemFilter { Benchmark = "test-culture" };

        var refused = await Assert.ThrowsAsync<EvalRunException>(() =>
            bed.Runs.CreateAsync(Request(CultureMcqMethod.MethodId, filter, "{\"mode\":\"likelihood\"}", ModelChoice.Server("gpu", "llama")), "alice"));
        Assert.Contains("culture-mcq needs continuation log-likelihood from the evaluated model", refused.Message);
        Assert.Contains("\"mode\": \"generate\" (generate-then-extract", refused.Message);
        await using (var db = bed.OpenDb())
            Assert.Empty(db.EvalRuns);

        // The documented alternative is accepted by the same backend, and records the server identity.
        var run = await bed.Runs.CreateAsync(Request(CultureMcqMethod.MethodId, filter, "{\"mode\":\"generate\",\"grounding\":false}", ModelChoice.Server("gpu", "llama")), "alice");
        Assert.Equal("llama @ gpu", run.ModelPath);
        Assert.Equal(ModelRef.Server("http://declared.test/v1", "llama"), run.ModelIdentity);
        Assert.Null(run.JudgeRefJson);
        Assert.Equal("", run.ModelSha256);
    }

    [Fact]
    public async Task Log_prob_methods_are_refused_on_a_chat_only_server_and_a_missing_backend_is_named()
    {
        await using var bed = await BedWithChatOnlyServerAsync();
        await bed.ImportDemoFileAsync("mova-demo.csv");
        var refused = await Assert.ThrowsAsync<EvalRunException>(() =>
            bed.Runs.CreateAsync(Request(MovaMethod.MethodId, new ItemFilter { Kind = ItemKind.ValueLabelledText }, "{}", ModelChoice.Server("gpu", "llama")), "alice"));
        Assert.Contains("mova needs tokenization from the evaluated model", refused.Message);
        Assert.Contains("next-token log-probs", refused.Message);

        await using var plain = await EvalTestBed.CreateAsync();
        await plain.ImportCultureItemsAsync([EvalTestBed.CultureRow("q1")]);
        var unknown = await Assert.ThrowsAsync<EvalRunException>(() =>
            plain.Runs.CreateAsync(Request(CultureMcqMethod.MethodId, new ItemFilter { Benchmark = "test-culture" }, "{}", ModelChoice.Server("nowhere", "llama")), "alice"));
        Assert.Contains("No server named or at 'nowhere' is configured", unknown.Message);
    }

    [Fact]
    public async Task A_judging_method_records_the_chosen_judge_and_both_identities_change_the_hash()
    {
        await using var bed = await BedWithChatOnlyServerAsync();
        await bed.ImportDemoFileAsync("mohobench-demo.jsonl");
        var filter = new ItemFilter { Kind = ItemKind.HonestyVisualQuestion };
        var local = ModelChoice.Local(EvalTestBed.StoriesModel);

        var self = await bed.Runs.CreateAsync(Request(HonestyMethod.MethodId, filter, "{}", local), "alice");
        var judged = await bed.Runs.CreateAsync(Request(HonestyMethod.MethodId, filter, "{}", local, ModelChoice.Server("gpu", "judge-70b")), "alice");

        Assert.Equal(self.ModelIdentity, self.JudgeIdentity);
        Assert.Null(self.JudgeLocation);
        Assert.Equal(ModelRef.Server("http://declared.test/v1", "judge-70b"), judged.JudgeIdentity);
        Assert.Equal("judge-70b @ gpu", judged.JudgeLocation);
        Assert.Equal(self.ModelIdentity, judged.ModelIdentity);
        Assert.NotEqual(self.ConfigHash, judged.ConfigHash);
        Assert.Equal(64, self.ModelIdentity.Sha256!.Length);
    }
}
