using System.Text;
using ValueAlign.Core.Inference.OpenAi;

namespace ValueAlign.Tests.Inference.OpenAi;

public sealed class ServerSentEventsTests
{
    [Fact]
    public async Task Data_lines_become_events_comments_and_other_fields_are_ignored_and_done_ends_the_stream()
    {
        const string stream = ": keep-alive\n\nevent: message\ndata: {\"a\":1}\n\ndata:{\"b\":2}\r\n\r\ndata: line one\ndata: line two\n\ndata: [DONE]\n\ndata: {\"late\":true}\n\n";
        var events = await ServerSentEvents.ReadDataAsync(new MemoryStream(Encoding.UTF8.GetBytes(stream)), CancellationToken.None).ToListAsync();
        Assert.Equal(["{\"a\":1}", "{\"b\":2}", "line one\nline two"], events);
    }

    [Fact]
    public async Task A_stream_that_ends_without_done_still_yields_its_last_event()
    {
        var events = await ServerSentEvents.ReadDataAsync(new MemoryStream(Encoding.UTF8.GetBytes("data: {\"x\":1}")), CancellationToken.None).ToListAsync();
        Assert.Equal(["{\"x\":1}"], events);
    }
}
