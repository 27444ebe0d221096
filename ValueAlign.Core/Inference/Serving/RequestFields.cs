using System.Text.Json;
using System.Text.Json.Nodes;

namespace ValueAlign.Core.Inference.Serving;

/// <summary>Typed reads of request fields; a field of the wrong type or range is a 400 naming it.</summary>
internal static class RequestFields
{
    public static string? String(JsonObject request, string name) => request[name] switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        _ => throw OpenAiApiException.BadRequest($"'{name}' must be a string.", name),
    };

    public static bool Bool(JsonObject request, string name, bool fallback = false) => request[name] switch
    {
        null => fallback,
        JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => v.GetValue<bool>(),
        _ => throw OpenAiApiException.BadRequest($"'{name}' must be true or false.", name),
    };

    public static double? Number(JsonObject request, string name, double min, double max)
    {
        if (request[name] is null)
        {
            return null;
        }
        if (request[name] is not JsonValue v || v.GetValueKind() != JsonValueKind.Number)
        {
            throw OpenAiApiException.BadRequest($"'{name}' must be a number.", name);
        }
        var number = JsonSchemaFields.Number(v) ?? throw OpenAiApiException.BadRequest($"'{name}' must be a number.", name);
        return number >= min && number <= max ? number
            : throw OpenAiApiException.BadRequest($"'{name}' must lie between {min} and {max}; it was {number}.", name);
    }

    public static int? Int(JsonObject request, string name, int min, int max)
    {
        var number = Number(request, name, min, max);
        if (number is { } n && n != Math.Floor(n))
        {
            throw OpenAiApiException.BadRequest($"'{name}' must be a whole number.", name);
        }
        return number is { } whole ? (int)whole : null;
    }

    /// <summary>A string or a list of strings (OpenAI's <c>stop</c>).</summary>
    public static IReadOnlyList<string> Strings(JsonObject request, string name, int maxCount)
    {
        var node = request[name];
        IReadOnlyList<string> values = node switch
        {
            null => [],
            JsonValue v when v.GetValueKind() == JsonValueKind.String => [v.GetValue<string>()],
            JsonArray a when a.All(x => x is JsonValue s && s.GetValueKind() == JsonValueKind.String) => a.Select(x => x!.GetValue<string>()).ToList(),
            _ => throw OpenAiApiException.BadRequest($"'{name}' must be a string or a list of strings.", name),
        };
        return values.Count <= maxCount ? values : throw OpenAiApiException.BadRequest($"'{name}' takes at most {maxCount} strings.", name);
    }

    /// <summary>Only n = 1 is served: one choice per prompt.</summary>
    public static void RequireSingleChoice(JsonObject request)
    {
        if (Int(request, "n", 1, 128) is > 1)
        {
            throw OpenAiApiException.BadRequest("Only n = 1 is supported; send the request again for more samples (vary 'seed').", "n");
        }
        if (Int(request, "best_of", 1, 128) is > 1)
        {
            throw OpenAiApiException.BadRequest("best_of is not supported.", "best_of");
        }
    }

    /// <summary>
    /// Sampling settings with OpenAI's defaults (temperature 1, top_p 1, no top-k or min-p) and
    /// the extensions llama-server and vLLM accept (top_k, min_p, grammar, response_format json_schema, guided_json).
    /// </summary>
    public static GenerationOptions Generation(JsonObject request, int maxTokens)
    {
        var temperature = Number(request, "temperature", 0, 2) ?? 1;
        var topK = Int(request, "top_k", -1, 100_000);
        var seed = request["seed"] is null ? 42 : unchecked((uint)(long)(Number(request, "seed", long.MinValue, long.MaxValue) ?? 42));
        return new GenerationOptions
        {
            Temperature = (float)temperature,
            TopP = (float?)(Number(request, "top_p", 0, 1) ?? 1),
            TopK = topK is null or <= 0 ? null : topK,
            MinP = (float?)Number(request, "min_p", 0, 1),
            Seed = seed,
            MaxTokens = maxTokens,
            StopStrings = Strings(request, "stop", 16),
            Grammar = Grammar(request),
        };
    }

    private static string? Grammar(JsonObject request)
    {
        if (String(request, "grammar") is { Length: > 0 } grammar)
        {
            try
            {
                GbnfValidator.Validate(grammar);
            }
            catch (ArgumentException e)
            {
                throw OpenAiApiException.BadRequest($"The grammar is not valid GBNF: {e.Message}", "grammar");
            }
            return grammar;
        }
        JsonNode? schema = null;
        string param = "response_format";
        if (request["response_format"] is JsonObject format)
        {
            var type = format["type"]?.GetValue<string>();
            switch (type)
            {
                case null or "text":
                    break;
                case "json_schema":
                    schema = format["json_schema"]?["schema"] ?? format["schema"];
                    if (schema is null)
                        throw OpenAiApiException.BadRequest("response_format json_schema needs json_schema.schema.", param);
                    break;
                default:
                    throw OpenAiApiException.BadRequest($"response_format type '{type}' is not supported; use json_schema (or a GBNF 'grammar').", param);
            }
        }
        if (schema is null && request["guided_json"] is { } guided)
        {
            schema = guided is JsonValue text && text.GetValueKind() == JsonValueKind.String ? JsonNode.Parse(text.GetValue<string>()) : guided;
            param = "guided_json";
        }
        if (schema is null && request["json_schema"] is JsonObject llamaSchema)
        {
            schema = llamaSchema;
            param = "json_schema";
        }
        if (schema is null)
        {
            return null;
        }
        try
        {
            return JsonGrammar.ForObject(JsonSchemaFields.FromSchema(schema));
        }
        catch (ArgumentException e)
        {
            throw OpenAiApiException.BadRequest($"This JSON schema is outside the supported subset: {e.Message}", param);
        }
    }
}
