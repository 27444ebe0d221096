using ValueAlign.Web.Cli;

namespace ValueAlign.Tests.Cli;

/// <summary>Which arguments start the web server and which run a verb; a mistyped verb or option is a usage error.</summary>
public sealed class VerbRoutingTests
{
    [Theory]
    [InlineData(new string[0], false)]
    [InlineData(new[] { "--urls", "http://127.0.0.1:5100" }, false)]
    [InlineData(new[] { "Urls=http://127.0.0.1:5100" }, false)]
    [InlineData(new[] { "eval", "--help" }, true)]
    [InlineData(new[] { "evl" }, true)]
    [InlineData(new[] { "--help" }, true)]
    public void Only_options_and_settings_start_the_web_server(string[] args, bool verb) =>
        Assert.Equal(verb, WorkbenchCli.IsCliInvocation(args));

    [Theory]
    [InlineData("evl")]
    [InlineData("optimize")]
    public async Task A_mistyped_verb_prints_the_usage_error_and_exits_non_zero(string typo)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await WorkbenchCli.RunAsync([typo], output, error);
        Assert.NotEqual(0, exit);
        Assert.Contains($"'{typo}'", error.ToString());
    }

    [Fact]
    public async Task A_mistyped_option_is_a_usage_error()
    {
        var error = new StringWriter();
        var exit = await WorkbenchCli.RunAsync(["eval", "--modle", "x.gguf", "--method", "culture-mcq"], new StringWriter(), error);
        Assert.NotEqual(0, exit);
        Assert.Contains("--modle", error.ToString());
    }
}
