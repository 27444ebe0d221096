using Microsoft.EntityFrameworkCore;
using ValueAlign.Tests.Evaluation;
using ValueAlign.Tests.Inference.Runtime;
using ValueAlign.Tests.Support;
using ValueAlign.Tests.Web.Runs;

namespace ValueAlign.Tests.Cli;

/// <summary>`eval --param key=value` and `--params JSON`, checked against the method's schema with the New run form's texts.</summary>
public sealed class EvalParameterOptionsTests
{
    private static Dictionary<string, string> Environment() => new()
    {
        ["Paths:Models"] = Path.GetDirectoryName(StoriesModelFixture.ModelPath)!,
        ["Models:Threads"] = "1",
        ["Models:ContextSize"] = "1024",
        ["Models:BatchSize"] = "512",
        ["Models:MicroBatchSize"] = "512",
    };

    private static readonly string[] Culture = ["eval", "--model", "stories260K.gguf", "--method", "culture-mcq", "--benchmark", "test-culture"];

    [Fact]
    public async Task Bad_values_and_unknown_keys_fail_before_any_work_with_the_same_texts_as_the_form()
    {
        await using var bed = await EvalTestBed.CreateAsync();
        await bed.ImportCultureItemsAsync([EvalTestBed.CultureRow("jp-1")]);

        var tooLarge = await WorkbenchCommand.RunAsync([.. Culture, "--param", "maxTokens=5000"], bed.DatabasePath, environment: Environment());
        var unknown = await WorkbenchCommand.RunAsync([.. Culture, "--params", "{\"mode\":\"generate\"}", "--param", "circluar=true"], bed.DatabasePath, environment: Environment());
        var notAFlag = await WorkbenchCommand.RunAsync([.. Culture, "--param", "circular=yes"], bed.DatabasePath, environment: Environment());
        var noEquals = await WorkbenchCommand.RunAsync([.. Culture, "--param", "maxTokens"], bed.DatabasePath, environment: Environment());
        var badJson = await WorkbenchCommand.RunAsync([.. Culture, "--params", "{\"maxTokens\":"], bed.DatabasePath, environment: Environment());

        Assert.Equal(1, tooLarge.ExitCode);
        Assert.Equal(NewRunParametersTests.MaxTokensTooLarge, tooLarge.Error.Trim());
        Assert.Equal(1, unknown.ExitCode);
        Assert.Equal("Unknown culture-mcq parameter 'circluar'; allowed: mode, circular, heldOutThemes, maxTokens, grounding.", unknown.Error.Trim());
        Assert.Equal("The culture-mcq parameter 'circular' must be true or false, got \"yes\".", notAFlag.Error.Trim());
        Assert.Equal("--param takes key=value, got 'maxTokens'.", noEquals.Error.Trim());
        Assert.StartsWith("--params is not valid JSON:", badJson.Error.Trim(), StringComparison.Ordinal);
        await using var db = bed.OpenDb();
        Assert.Equal(0, await db.EvalRuns.CountAsync());
    }

    [Fact]
    public async Task Params_and_param_combine_into_the_run_parameters_read_by_type()
    {
        await using var bed = await EvalTestBed.CreateAsync();
        await bed.ImportCultureItemsAsync([EvalTestBed.CultureRow("jp-1")]);

        var result = await WorkbenchCommand.RunAsync(
            [.. Culture, "--params", "{\"mode\":\"likelihood\",\"maxTokens\":10}", "--param", "maxTokens=8", "--param", "heldOutThemes=etiquette,food"],
            bed.DatabasePath, environment: Environment());

        Assert.True(result.ExitCode == 0, result.Error);
        await using var db = bed.OpenDb();
        var run = await db.EvalRuns.SingleAsync();
        Assert.Equal("""{"heldOutThemes":["etiquette","food"],"maxTokens":8,"mode":"likelihood"}""", run.ParametersJson);
    }
}
