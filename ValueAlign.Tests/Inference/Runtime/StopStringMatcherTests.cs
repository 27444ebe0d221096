using ValueAlign.Core.Inference;

namespace ValueAlign.Tests.Inference.Runtime;

public sealed class StopStringMatcherTests
{
    [Fact]
    public void A_stop_string_split_across_pieces_is_never_emitted()
    {
        var matcher = new StopStringMatcher(["</end>"]);
        Assert.Equal("Hello ", matcher.Append("Hello </"));
        Assert.Equal("", matcher.Append("en"));
        Assert.Equal("", matcher.Append("d> more"));
        Assert.True(matcher.Stopped);
        Assert.Equal("", matcher.Flush());
    }

    [Fact]
    public void Held_back_text_that_turns_out_not_to_stop_is_emitted()
    {
        var matcher = new StopStringMatcher(["STOP"]);
        Assert.Equal("go ", matcher.Append("go ST"));
        Assert.Equal("STart", matcher.Append("art"));
        Assert.Equal("", matcher.Append("S"));
        Assert.Equal("S", matcher.Flush());
        Assert.False(matcher.Stopped);
    }

    [Fact]
    public void The_earliest_of_several_stop_strings_wins()
    {
        var matcher = new StopStringMatcher(["\n\n", "User:", ""]);
        Assert.Equal("Answer: yes", matcher.Append("Answer: yesUser: no\n\n"));
        Assert.True(matcher.Stopped);
    }
}
