using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ValueAlign.Core.Accounts;
using ValueAlign.Core.Accounts.ApiKeys;
using ValueAlign.Core.Inference;
using ValueAlign.Core.Inference.Registry;
using ValueAlign.Tests.Inference.Runtime;
using ValueAlign.Tests.Support;

namespace ValueAlign.Tests.Inference.OpenAi;

/// <summary>The served /v1 API over real HTTP on stories260K, spoken to as a notebook would: raw JSON and raw server-sent events.</summary>
public sealed class ServedApiHttpTests : IAsyncLifetime
{
    private ServedApiHost _host = default!;

    public async Task InitializeAsync() => _host = await ServedApiHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private ILanguageModel Local => _host.Host.RequireModel();

    private static async Task<JsonObject> PostAsync(HttpClient client, string path, JsonObject body, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await client.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    [Fact]
    public async Task Models_lists_the_loaded_model_with_its_file_hash()
    {
        using var client = _host.CreateClient(_host.ApiKey);
        var list = await client.GetFromJsonAsync<JsonObject>("v1/models");
        var model = Assert.Single(list!["data"]!.AsArray())!;
        Assert.Equal("stories260K", model["id"]!.GetValue<string>());
        Assert.Equal("valuealign", model["owned_by"]!.GetValue<string>());
        var sha = await FileHashing.Sha256Async(StoriesModelFixture.ModelPath);
        Assert.Equal("sha256:" + sha, model["root"]!.GetValue<string>());
    }

    [Fact]
    public async Task Echo_with_max_tokens_0_returns_every_prompt_token_log_prob_the_first_null_equal_to_in_process()
    {
        using var client = _host.CreateClient(_host.ApiKey);
        var prompt = await Local.TokenizeAsync("Once upon a time", addBos: true);
        var continuation = await Local.TokenizeAsync("there was a cat.", addBos: false);
        var body = await PostAsync(client, "v1/completions", new JsonObject
        {
            ["model"] = "stories260K",
            ["prompt"] = new JsonArray([.. prompt.Concat(continuation).Select(t => (JsonNode)t)]),
            ["max_tokens"] = 0,
            ["echo"] = true,
            ["logprobs"] = 1,
        });
        var choice = body["choices"]![0]!;
        Assert.Equal("length", choice["finish_reason"]!.GetValue<string>());
        var logprobs = choice["logprobs"]!["token_logprobs"]!.AsArray();
        Assert.Equal(prompt.Count + continuation.Count, logprobs.Count);
        Assert.Null(logprobs[0]);
        Assert.Null(choice["logprobs"]!["top_logprobs"]![0]);
        var local = await Local.ScoreContinuationAsync("Once upon a time", "there was a cat.");
        for (var i = 0; i < continuation.Count; i++)
            Assert.Equal(local.TokenLogProbs[i], logprobs[prompt.Count + i]!.GetValue<double>(), 1e-3);
        Assert.Equal(prompt.Count + continuation.Count, body["usage"]!["prompt_tokens"]!.GetValue<int>());
        Assert.Equal(0, body["usage"]!["completion_tokens"]!.GetValue<int>());
    }

    [Fact]
    public async Task Chat_streams_server_sent_events_ending_with_done_and_the_text_of_in_process_greedy_chat()
    {
        using var client = _host.CreateClient(_host.ApiKey);
        var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions")
        {
            Content = JsonContent.Create(new JsonObject
            {
                ["model"] = "stories260K",
                ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "Once upon a time" }),
                ["max_tokens"] = 20,
                ["temperature"] = 0,
                ["stream"] = true,
            }),
        };
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n');
        var events = lines.Where(l => l.StartsWith("data: ", StringComparison.Ordinal)).Select(l => l["data: ".Length..]).ToList();
        Assert.Equal("[DONE]", events[^1]);
        var chunks = events[..^1].Select(e => JsonNode.Parse(e)!).ToList();
        Assert.Equal("assistant", chunks[0]["choices"]![0]!["delta"]!["role"]!.GetValue<string>());
        Assert.All(chunks, c => Assert.Equal("chat.completion.chunk", c["object"]!.GetValue<string>()));
        Assert.NotNull(chunks[^1]["choices"]![0]!["finish_reason"]);
        var text = string.Concat(chunks.Select(c => c["choices"]![0]!["delta"]!["content"]?.GetValue<string>() ?? ""));
        var local = string.Concat(await Local.ChatAsync([ChatMessage.User("Once upon a time")], GenerationOptions.Greedy(20)).ToListAsync());
        Assert.Equal(local, text);
        Assert.True(chunks.Count > 3, "the reply came in pieces, not at once");
    }

    [Fact]
    public async Task Chat_with_a_json_schema_returns_json_that_parses_with_the_schema_s_fields()
    {
        using var client = _host.CreateClient(_host.ApiKey);
        var schema = new JsonObject
        {
            ["type"] = "object",
            ["properties"] = new JsonObject
            {
                ["score"] = new JsonObject { ["type"] = "integer", ["minimum"] = 1, ["maximum"] = 5 },
                ["reason"] = new JsonObject { ["type"] = "string", ["maxLength"] = 30 },
            },
            ["required"] = new JsonArray("score", "reason"),
        };
        var body = await PostAsync(client, "v1/chat/completions", new JsonObject
        {
            ["model"] = "stories260K",
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "Rate the story." }),
            ["max_tokens"] = 80,
            ["response_format"] = new JsonObject { ["type"] = "json_schema", ["json_schema"] = new JsonObject { ["name"] = "rating", ["schema"] = schema } },
            ["seed"] = 3,
        });
        var content = body["choices"]![0]!["message"]!["content"]!.GetValue<string>();
        var parsed = JsonNode.Parse(content)!;
        Assert.InRange(parsed["score"]!.GetValue<int>(), 1, 5);
        Assert.True(parsed["reason"]!.GetValue<string>().Length <= 30);
    }

    [Fact]
    public async Task Completion_log_probs_of_generated_tokens_come_with_top_k_and_greedy_picks_the_top()
    {
        using var client = _host.CreateClient(_host.ApiKey);
        var body = await PostAsync(client, "v1/completions", new JsonObject
        {
            ["model"] = "stories260K", ["prompt"] = "Once upon a time", ["max_tokens"] = 8, ["temperature"] = 0, ["logprobs"] = 3,
        });
        var logprobs = body["choices"]![0]!["logprobs"]!;
        var tokens = logprobs["tokens"]!.AsArray();
        Assert.Equal(8, tokens.Count);
        for (var i = 0; i < tokens.Count; i++)
        {
            var top = logprobs["top_logprobs"]![i]!.AsObject();
            Assert.InRange(top.Count, 3, 4);
            var best = top.MaxBy(kv => kv.Value!.GetValue<double>());
            Assert.Equal(tokens[i]!.GetValue<string>(), best.Key);
            Assert.Equal(best.Value!.GetValue<double>(), logprobs["token_logprobs"]![i]!.GetValue<double>(), 1e-9);
        }
        var local = string.Concat(await Local.CompleteAsync("Once upon a time", GenerationOptions.Greedy(8)).ToListAsync());
        Assert.Equal(local, body["choices"]![0]!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task Embeddings_as_floats_and_as_base64_are_the_in_process_embedding()
    {
        using var client = _host.CreateClient(_host.ApiKey);
        var floats = await PostAsync(client, "v1/embeddings", new JsonObject { ["model"] = "stories260K", ["input"] = new JsonArray("a cat", "a dog") });
        var base64 = await PostAsync(client, "v1/embeddings", new JsonObject { ["model"] = "stories260K", ["input"] = "a cat", ["encoding_format"] = "base64" });
        var local = await Local.EmbedAsync("a cat");
        var fromFloats = floats["data"]![0]!["embedding"]!.AsArray().Select(v => v!.GetValue<float>()).ToArray();
        var fromBase64 = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(Convert.FromBase64String(base64["data"]![0]!["embedding"]!.GetValue<string>())).ToArray();
        Assert.Equal(local, fromFloats);
        Assert.Equal(local, fromBase64);
        Assert.Equal(2, floats["data"]!.AsArray().Count);
    }

    [Fact]
    public async Task Bad_requests_get_openai_error_objects_naming_the_field()
    {
        using var client = _host.CreateClient(_host.ApiKey);
        var unknown = await PostAsync(client, "v1/completions", new JsonObject { ["model"] = "gpt-9", ["prompt"] = "x" }, HttpStatusCode.NotFound);
        Assert.Contains("stories260K", unknown["error"]!["message"]!.GetValue<string>());
        var badTemperature = await PostAsync(client, "v1/completions", new JsonObject { ["model"] = "stories260K", ["prompt"] = "x", ["temperature"] = 7 }, HttpStatusCode.BadRequest);
        Assert.Equal("temperature", badTemperature["error"]!["param"]!.GetValue<string>());
        var badToken = await PostAsync(client, "v1/completions", new JsonObject { ["model"] = "stories260K", ["prompt"] = new JsonArray(1, 99999) }, HttpStatusCode.BadRequest);
        Assert.Contains("vocabulary", badToken["error"]!["message"]!.GetValue<string>());
        var image = await PostAsync(client, "v1/chat/completions", new JsonObject
        {
            ["model"] = "stories260K",
            ["messages"] = new JsonArray(new JsonObject
            {
                ["role"] = "user",
                ["content"] = new JsonArray(new JsonObject { ["type"] = "image_url", ["image_url"] = new JsonObject { ["url"] = "data:image/png;base64,iVBORw0KGgo=" } }),
            }),
        }, HttpStatusCode.BadRequest);
        Assert.Contains("cannot see images", image["error"]!["message"]!.GetValue<string>());
        var response = await client.PostAsync("v1/completions", new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Requests_without_a_valid_key_get_401_and_a_revoked_key_stops_working_at_once()
    {
        using var anonymous = _host.CreateClient(null);
        var none = await anonymous.GetAsync("v1/models");
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal("Bearer", none.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Contains("invalid_api_key", await none.Content.ReadAsStringAsync());
        using var forged = _host.CreateClient(ApiKeySecrets.Create());
        Assert.Equal(HttpStatusCode.Unauthorized, (await forged.GetAsync("v1/models")).StatusCode);

        var keys = _host.Services.GetRequiredService<ApiKeyService>();
        var secret = await ServedApiHost.CreateUserWithKeyAsync(_host.Services, "ann@example.org", Roles.Annotator);
        using var annotator = _host.CreateClient(secret);
        Assert.Equal(HttpStatusCode.OK, (await annotator.GetAsync("v1/models")).StatusCode);
        var key = Assert.Single(await keys.ListForEmailAsync("ann@example.org"));
        Assert.True(await keys.RevokeForEmailAsync("ann@example.org", key.Id));
        var after = await annotator.PostAsJsonAsync("v1/completions", new JsonObject { ["model"] = "stories260K", ["prompt"] = "x", ["max_tokens"] = 1 });
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Fact]
    public async Task A_viewer_gets_no_key_and_a_key_whose_owner_became_a_viewer_is_refused_with_403()
    {
        Assert.Null(await ServedApiHost.CreateUserWithKeyAsync(_host.Services, "viewer@example.org", Roles.Viewer));
        var secret = await ServedApiHost.CreateUserWithKeyAsync(_host.Services, "soon-viewer@example.org", Roles.Curator);
        await using (var scope = _host.Services.CreateAsyncScope())
        {
            var admin = scope.ServiceProvider.GetRequiredService<UserAdministration>();
            var id = (await admin.ListAsync()).Single(u => u.Email == "soon-viewer@example.org").Id;
            Assert.True((await admin.SetRolesAsync(id, [Roles.Viewer])).Succeeded);
        }
        using var client = _host.CreateClient(secret);
        var response = await client.GetAsync("v1/models");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Viewer", await response.Content.ReadAsStringAsync());
    }
}
