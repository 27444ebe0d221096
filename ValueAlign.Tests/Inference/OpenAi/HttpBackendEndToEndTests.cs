using ValueAlign.Core.Inference;
using ValueAlign.Core.Inference.LlamaSharp;
using ValueAlign.Core.Inference.OpenAi;
using ValueAlign.Core.Inference.Registry;
using ValueAlign.Core.Methods.Structured;
using ValueAlign.Tests.Inference.Runtime;
using ValueAlign.Tests.Support;

namespace ValueAlign.Tests.Inference.OpenAi;

/// <summary>
/// The HTTP backend against the workbench's own served /v1 over loopback, on stories260K: every
/// number it reports must be the in-process model's (within 1e-3 per token) and what it detects
/// must be what the server offers.
/// </summary>
public sealed class HttpBackendEndToEndTests : IAsyncLifetime
{
    private ServedApiHost _host = default!;
    private OpenAiLanguageModel _remote = default!;

    public async Task InitializeAsync()
    {
        _host = await ServedApiHost.StartAsync();
        _remote = await OpenAiLanguageModel.ConnectAsync(Settings(_host.ApiKey));
    }

    public async Task DisposeAsync()
    {
        await _remote.DisposeAsync();
        await _host.DisposeAsync();
    }

    private OpenAiServerSettings Settings(string? key) => new()
    {
        Name = "loopback",
        BaseUrl = _host.V1,
        Model = "stories260K",
        ApiKey = key,
        MaxInFlight = 8,
    };

    private ILanguageModel Local => _host.Host.RequireModel();

    private static readonly MultipleChoiceQuestion[] Questions =
    [
        new("Once upon a time, there was a little girl named", ["Lily.", "Tom.", "a big red ball that bounced all day.", "Lily and her mom went to the park."]),
        new("The dog was very", ["happy", "sad and tired", "hungry, so he ate his food."]),
        new("She said", ["hello", "\"Thank you!\"", "no", "yes, please"]),
    ];

    [Fact]
    public async Task The_probe_detects_what_the_served_api_offers_and_the_identity_carries_the_file_hash_not_the_key()
    {
        var profile = _remote.Profile;
        Assert.Equal(OpenAiServerKind.ValueAlign, profile.Kind);
        Assert.Equal(LikelihoodRoute.EchoNoGeneration, profile.Likelihood);
        Assert.True(profile.BatchTokenize);
        foreach (var capability in new[] { ModelCapabilities.Generation, ModelCapabilities.Tokenization, ModelCapabilities.ContinuationLogLikelihood,
                     ModelCapabilities.TopLogProbs, ModelCapabilities.Embeddings, ModelCapabilities.Grammar, ModelCapabilities.JsonSchema })
            Assert.True(profile.Capabilities.HasFlag(capability), $"{capability} detected; evidence: {string.Join("; ", profile.Evidence)}");
        Assert.False(profile.Capabilities.HasFlag(ModelCapabilities.Images));
        Assert.Equal(Local.Description.VocabularySize, _remote.Description.VocabularySize);

        var sha = await FileHashing.Sha256Async(StoriesModelFixture.ModelPath);
        Assert.Equal(ModelRefKind.Server, _remote.Identity.Kind);
        Assert.Equal("sha256:" + sha, _remote.Identity.Fingerprint);
        Assert.Equal("stories260K", _remote.Identity.ModelId);
        Assert.DoesNotContain(_host.ApiKey, _remote.Identity.Canonical);
        Assert.DoesNotContain(_host.ApiKey, _remote.ToString());
        Assert.DoesNotContain(_host.ApiKey, string.Join(" ", profile.Evidence));
    }

    [Fact]
    public async Task Multiple_choice_scores_equal_in_process_within_1e_3_per_token_and_choose_the_same_options()
    {
        var remote = await _remote.ScoreChoicesAsync(Questions);
        var local = await Local.ScoreChoicesAsync(Questions);
        for (var q = 0; q < Questions.Length; q++)
        {
            for (var o = 0; o < Questions[q].Options.Count; o++)
            {
                Assert.Equal(local[q].Options[o].TokenCount, remote[q].Options[o].TokenCount);
                Assert.True(Math.Abs(local[q].Options[o].TotalLogLikelihood - remote[q].Options[o].TotalLogLikelihood) <= 1e-3 * local[q].Options[o].TokenCount,
                    $"question {q} option {o}: remote {remote[q].Options[o].TotalLogLikelihood} local {local[q].Options[o].TotalLogLikelihood}");
            }
            Assert.Equal(local[q].ChosenByTotal, remote[q].ChosenByTotal);
            Assert.Equal(local[q].ChosenByMean, remote[q].ChosenByMean);
        }
    }

    [Fact]
    public async Task Continuation_and_candidate_log_probs_equal_in_process_per_token()
    {
        var remote = await _remote.ScoreContinuationAsync("Once upon a time", "there was a big dog.");
        var local = await Local.ScoreContinuationAsync("Once upon a time", "there was a big dog.");
        Assert.Equal(local.Tokens, remote.Tokens);
        for (var i = 0; i < local.TokenLogProbs.Count; i++)
            Assert.Equal(local.TokenLogProbs[i], remote.TokenLogProbs[i], 1e-3);

        var tokens = await Local.TokenizeAsync("Rate it from 1 to 5: ", addBos: true);
        var candidates = await Task.WhenAll(new[] { "1", "2", "3" }.Select(async d => (await Local.TokenizeAsync(d, false))[0]));
        var positions = new[] { tokens.Count - 1, tokens.Count - 2 };
        var localCandidates = await Local.GetCandidateLogProbsAsync(tokens, positions, candidates);
        var remoteCandidates = await _remote.GetCandidateLogProbsAsync(tokens, positions, candidates);
        for (var p = 0; p < positions.Length; p++)
            for (var c = 0; c < candidates.Length; c++)
                Assert.Equal(localCandidates[p].LogProbs[c], remoteCandidates[p].LogProbs[c], 1e-3);
    }

    [Fact]
    public async Task Streamed_completion_and_chat_give_the_in_process_greedy_text()
    {
        var options = GenerationOptions.Greedy(30);
        Assert.Equal(
            string.Concat(await Local.CompleteAsync("Once upon a time", options).ToListAsync()),
            string.Concat(await _remote.CompleteAsync("Once upon a time", options).ToListAsync()));
        var pieces = await _remote.ChatAsync([ChatMessage.User("Tell me a story.")], options).ToListAsync();
        Assert.True(pieces.Count > 1, "streamed in pieces");
        Assert.Equal(string.Concat(await Local.ChatAsync([ChatMessage.User("Tell me a story.")], options).ToListAsync()), string.Concat(pieces));
    }

    [Fact]
    public async Task Guarded_json_generation_through_the_server_parses_under_its_grammar()
    {
        var generator = new GuardedJsonGenerator(_remote, new GenerationOptions { Temperature = 0.7f, Seed = 5 }, 40);
        var result = await generator.GenerateAsync("rating", "Rate the story from 1 to 5.",
            [new JsonField("score", JsonFieldType.Rating1To5), new JsonField("why", new JsonFieldType.Text(40))], CancellationToken.None);
        Assert.Null(result.Error);
        Assert.InRange(result.Values!["score"].GetInt32(), 1, 5);
        Assert.Single(result.Calls);
    }

    [Fact]
    public async Task Embeddings_and_tokenization_match_in_process()
    {
        Assert.Equal(await Local.EmbedAsync("a small cat"), await _remote.EmbedAsync("a small cat"));
        var tokens = await _remote.TokenizeAsync("Once upon a time", addBos: true);
        Assert.Equal(await Local.TokenizeAsync("Once upon a time", true), tokens);
        Assert.Equal(await Local.DetokenizeAsync(tokens), await _remote.DetokenizeAsync(tokens));
    }

    [Fact]
    public async Task Eight_requests_in_flight_all_complete_with_the_same_answers_as_one_at_a_time()
    {
        var alone = await _remote.ScoreChoicesAsync([Questions[0]]);
        var together = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => _remote.ScoreChoicesAsync([Questions[0]])));
        Assert.All(together, r => Assert.Equal(alone[0].Options.Select(o => o.TotalLogLikelihood), r[0].Options.Select(o => o.TotalLogLikelihood)));
    }

    [Fact]
    public async Task A_wrong_key_fails_to_connect_with_the_server_s_reason_and_without_the_key()
    {
        var wrong = ValueAlign.Core.Accounts.ApiKeys.ApiKeySecrets.Create();
        var error = await Assert.ThrowsAsync<OpenAiServerException>(() => OpenAiLanguageModel.ConnectAsync(Settings(wrong)));
        Assert.Equal(401, error.Status);
        Assert.Contains("API key", error.Message);
        Assert.DoesNotContain(wrong, error.Message);
        var unknown = await Assert.ThrowsAsync<OpenAiServerException>(() => OpenAiLanguageModel.ConnectAsync(new OpenAiServerSettings
        {
            Name = "loopback", BaseUrl = _host.V1, Model = "llama-70b", ApiKey = _host.ApiKey,
        }));
        Assert.Contains("stories260K", unknown.Message);
    }
}
