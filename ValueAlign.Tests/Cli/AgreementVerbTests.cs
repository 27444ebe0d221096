using System.Text.Json;
using ValueAlign.Tests.Annotation.Agreement;
using ValueAlign.Tests.Support;
using ValueAlign.Web.Cli;

namespace ValueAlign.Tests.Cli;

public class AgreementVerbTests
{
    private static string WriteCsv(TempDirectory temp)
    {
        var path = temp.File("labels.csv");
        var rows = AgreementSamples.Rows("score", AgreementSamples.Krippendorff).Concat(AgreementSamples.Rows("correct", AgreementSamples.YesNo));
        File.WriteAllLines(path, ["item,annotator,question,label", .. rows.Select(r => $"{r.Item},{r.Annotator},{r.Question},{r.Label}")]);
        return path;
    }

    private static async Task<(int Exit, string Output, string Error)> Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await WorkbenchCli.RunAsync(args, output: output, error: error);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Json_output_carries_the_hand_checked_statistics()
    {
        using var temp = new TempDirectory();
        var file = WriteCsv(temp);

        var (exit, output, error) = await Run("agreement", "--input", file, "--format", "json");

        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output);
        var questions = json.RootElement.GetProperty("questions");
        Assert.Equal(2, questions.GetArrayLength());

        var correct = questions[0];
        Assert.Equal("correct", correct.GetProperty("question").GetString());
        Assert.Equal(4, correct.GetProperty("items").GetInt32());
        Assert.Equal(3, correct.GetProperty("annotators").GetInt32());
        Assert.Equal(2.0 / 3, correct.GetProperty("percentAgreement").GetDouble(), 6);
        Assert.Equal(1.0 / 3, correct.GetProperty("fleissKappa").GetDouble(), 6);
        Assert.Equal(7.0 / 18, correct.GetProperty("krippendorffAlpha").GetProperty("nominal").GetDouble(), 6);
        Assert.Equal(JsonValueKind.Null, correct.GetProperty("krippendorffAlpha").GetProperty("ordinal").ValueKind);
        Assert.Equal(0.4, correct.GetProperty("meanPairwiseCohenKappa").GetDouble(), 6);

        var score = questions[1];
        Assert.Equal(12, score.GetProperty("items").GetInt32());
        Assert.Equal(JsonValueKind.Null, score.GetProperty("fleissKappa").ValueKind);
        Assert.Equal("n/a: items have 1–4 labels", score.GetProperty("fleissNotApplicable").GetString());
        var alpha = score.GetProperty("krippendorffAlpha");
        Assert.Equal(113.0 / 152, alpha.GetProperty("nominal").GetDouble(), 6);
        Assert.Equal(108577.0 / 133160, alpha.GetProperty("ordinal").GetDouble(), 6);
        Assert.Equal(951.0 / 1120, alpha.GetProperty("interval").GetDouble(), 6);
        Assert.Equal(AgreementSamples.KrippendorffMeanCohen, score.GetProperty("meanPairwiseCohenKappa").GetDouble(), 6);
    }

    [Fact]
    public async Task Table_output_for_one_question_from_jsonl()
    {
        using var temp = new TempDirectory();
        var file = temp.File("labels.jsonl");
        File.WriteAllLines(file, AgreementSamples.Rows("correct", AgreementSamples.YesNo)
            .Select(r => JsonSerializer.Serialize(new { item = r.Item, annotator = r.Annotator, question = r.Question, label = r.Label })));

        var (exit, output, error) = await Run("agreement", "--input", file, "--question", "correct");

        Assert.True(exit == 0, error);
        Assert.Contains("question: correct", output);
        Assert.Contains("percent agreement    0.667", output);
        Assert.Contains("Fleiss' kappa        0.333", output);
        Assert.Contains("Krippendorff alpha   nominal 0.389", output);
        Assert.Contains("mean Cohen's kappa   0.400 (3 annotator pairs)", output);
    }

    [Fact]
    public async Task Malformed_file_names_the_line_and_exits_1()
    {
        using var temp = new TempDirectory();
        var file = temp.File("broken.csv");
        File.WriteAllText(file, "item,annotator,question,label\ni1,ann,q,yes\ni1,bob,q\n");

        var (exit, output, error) = await Run("agreement", "--input", file);

        Assert.Equal(1, exit);
        Assert.Equal("", output);
        Assert.Contains("broken.csv, line 3: expected 4 fields as in the header, found 3", error);
    }

    [Fact]
    public async Task Unknown_question_and_missing_file_exit_1_with_a_message()
    {
        using var temp = new TempDirectory();
        var file = WriteCsv(temp);

        var unknown = await Run("agreement", "--input", file, "--question", "nope");
        Assert.Equal(1, unknown.Exit);
        Assert.Contains("no question 'nope'; it has: correct, score", unknown.Error);

        var missing = await Run("agreement", "--input", temp.File("absent.csv"));
        Assert.Equal(1, missing.Exit);
        Assert.Contains("Input file not found", missing.Error);
    }
}
