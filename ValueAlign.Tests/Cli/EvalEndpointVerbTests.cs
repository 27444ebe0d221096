using ValueAlign.Tests.Support;

namespace ValueAlign.Tests.Cli;

public class EvalEndpointVerbTests
{
    [Fact]
    public async Task Eval_with_an_endpoint_that_does_not_answer_fails_at_creation_naming_it()
    {
        using var temp = new TempDirectory();
        var db = temp.File("endpoint.db");
        Assert.Equal(0, (await WorkbenchCommand.RunAsync(["migrate"], db)).ExitCode);
        var result = await WorkbenchCommand.RunAsync(
            ["eval", "--endpoint", "http://127.0.0.1:9/v1", "--model", "stories260K", "--api-key-env", "NO_SUCH_KEY_VARIABLE",
             "--method", "culture-mcq", "--kind", "CultureMultipleChoice"], db, environment: new Dictionary<string, string> { ["Backends__Servers__0__MaxRetries"] = "0" });
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("127.0.0.1:9", result.Error);
    }
}
