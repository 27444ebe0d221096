using System.Text.Json.Nodes;

namespace ValueAlign.Core.Inference.Serving;

/// <summary>What a served endpoint answers: one JSON body, or server-sent events (each a JSON object, then [DONE]).</summary>
public abstract record OpenAiReply;

public sealed record JsonReply(JsonObject Body) : OpenAiReply;

public sealed record StreamReply(IAsyncEnumerable<JsonObject> Events) : OpenAiReply;
