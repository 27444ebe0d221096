using System.Globalization;
using System.Text.Json.Nodes;

namespace ValueAlign.Core.Inference.Serving;

/// <summary>
/// Log-probs in the three shapes clients read: legacy completions (tokens, token_logprobs,
/// top_logprobs, text_offset), chat (content entries with bytes and top_logprobs), and vLLM's
/// prompt_logprobs (per position, token id to logprob, rank, decoded token).
/// </summary>
internal sealed class LogProbsJson(ITokenLevelModel model, int topK)
{
    private readonly JsonArray tokens = [];
    private readonly JsonArray tokenLogProbs = [];
    private readonly JsonArray topLogProbs = [];
    private readonly JsonArray textOffsets = [];
    private int offset;

    /// <summary>Appends one position of the legacy shape; null log-probs for the first prompt token.</summary>
    public void Add(int token, PositionLogProbs? position)
    {
        var text = model.TokenText(token);
        tokens.Add(text);
        textOffsets.Add(offset);
        offset += text.Length;
        tokenLogProbs.Add(position is null ? null : JsonValue.Create(position.LogProb));
        topLogProbs.Add(position is null ? null : TopDictionary(position));
    }

    public JsonObject ToLegacy() => new()
    {
        ["tokens"] = tokens.DeepClone(),
        ["token_logprobs"] = tokenLogProbs.DeepClone(),
        ["top_logprobs"] = topLogProbs.DeepClone(),
        ["text_offset"] = textOffsets.DeepClone(),
    };

    /// <summary>The legacy shape of one prompt's positions (echo).</summary>
    public static JsonObject Legacy(ITokenLevelModel model, int topK, PromptLogProbs prompt)
    {
        var json = new LogProbsJson(model, topK);
        for (var i = 0; i < prompt.Tokens.Count; i++)
        {
            json.Add(prompt.Tokens[i], prompt.Positions[i]);
        }
        return json.ToLegacy();
    }

    /// <summary>One entry of chat log-probs: token, logprob, bytes, top_logprobs.</summary>
    public JsonObject ChatEntry(PositionLogProbs position) => new()
    {
        ["token"] = model.TokenText(position.Token),
        ["logprob"] = position.LogProb,
        ["bytes"] = Bytes(position.Token),
        ["top_logprobs"] = new JsonArray(position.Top.Take(topK).Select(t => (JsonNode)new JsonObject
        {
            ["token"] = model.TokenText(t.Token),
            ["logprob"] = t.LogProb,
            ["bytes"] = Bytes(t.Token),
        }).ToArray()),
    };

    /// <summary>vLLM's prompt_logprobs: null first, then per position the prompt token and the top-k by id.</summary>
    public static JsonArray VllmPromptLogProbs(ITokenLevelModel model, int topK, PromptLogProbs prompt)
    {
        var positions = new JsonArray();
        for (var i = 0; i < prompt.Tokens.Count; i++)
        {
            if (prompt.Positions[i] is not { } position)
            {
                positions.Add(null);
                continue;
            }
            var entry = new JsonObject();
            var rank = position.Top.Select((t, r) => (t, r)).FirstOrDefault(x => x.t.Token == position.Token, (default, -1)).Item2;
            entry[position.Token.ToString(CultureInfo.InvariantCulture)] = Vllm(model, position.LogProb, rank >= 0 ? rank + 1 : null, position.Token);
            var r = 1;
            foreach (var top in position.Top.Take(topK))
            {
                entry[top.Token.ToString(CultureInfo.InvariantCulture)] ??= Vllm(model, top.LogProb, r, top.Token);
                r++;
            }
            positions.Add(entry);
        }
        return positions;
    }

    private static JsonObject Vllm(ITokenLevelModel model, double logProb, int? rank, int token) => new()
    {
        ["logprob"] = logProb,
        ["rank"] = rank,
        ["decoded_token"] = model.TokenText(token),
    };

    /// <summary>The top-k by token text, plus the position's own token when it is not among them (as vLLM does).</summary>
    private JsonObject TopDictionary(PositionLogProbs position)
    {
        var top = new JsonObject();
        foreach (var t in position.Top.Take(topK))
        {
            var text = model.TokenText(t.Token);
            if (!top.ContainsKey(text))
            {
                top[text] = t.LogProb;
            }
        }
        var own = model.TokenText(position.Token);
        if (!top.ContainsKey(own))
        {
            top[own] = position.LogProb;
        }
        return top;
    }

    private JsonArray Bytes(int token) => new(model.TokenBytes(token).Select(b => (JsonNode)(int)b).ToArray());
}
