namespace ValueAlign.Core.Inference.OpenAi;

/// <summary>
/// Reads the data of server-sent events as OpenAI-compatible servers send them: one
/// <c>data:</c> line per event (several are joined by newlines), comments and other fields
/// ignored, <c>[DONE]</c> ending the stream.
/// </summary>
public static class ServerSentEvents
{
    public static async IAsyncEnumerable<string> ReadDataAsync(Stream stream, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(stream);
        var data = new List<string>();
        while (true)
        {
            var line = await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false);
            if (line is null || line.Length == 0)
            {
                if (data.Count > 0)
                {
                    var payload = string.Join('\n', data);
                    data.Clear();
                    if (payload.Trim() == "[DONE]")
                        yield break;
                    yield return payload;
                }
                if (line is null)
                    yield break;
                continue;
            }
            if (line.StartsWith("data:", StringComparison.Ordinal))
            {
                var value = line[5..];
                data.Add(value.StartsWith(' ') ? value[1..] : value);
            }
        }
    }
}
