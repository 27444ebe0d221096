using ValueAlign.Tests.Support;

namespace ValueAlign.Tests.Cli;

/// <summary>The executable itself: a mistyped verb or option exits non-zero with the usage error instead of starting the web server (which would never exit).</summary>
public sealed class MistypedVerbProcessTests
{
    [Theory]
    [InlineData("'evl'", "evl")]
    [InlineData("'optimize'", "optimize", "--method", "picaco")]
    [InlineData("--modle", "eval", "--modle", "x.gguf", "--method", "culture-mcq")]
    public async Task A_mistyped_verb_or_option_exits_non_zero_with_the_usage_error(string named, params string[] arguments)
    {
        using var folder = new TempDirectory();

        var result = await WorkbenchCommand.RunAsync(arguments, folder.File("unused.db"), timeout: TimeSpan.FromMinutes(2));

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(named, result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Now listening", result.Output, StringComparison.Ordinal);
    }
}
