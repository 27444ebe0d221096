using System.Text.Json;
using ValueAlign.Web.Cli;

namespace ValueAlign.Tests.Cli;

public class BenchAgreementVerbTests
{
    [Fact]
    public async Task Prints_a_table_line_and_json_for_the_generated_annotations()
    {
        var output = new StringWriter();
        var error = new StringWriter();

        var exit = await WorkbenchCli.RunAsync(["bench", "agreement", "--items", "300", "--annotators", "4", "--runs", "1"], output, error);

        Assert.True(exit == 0, error.ToString());
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("bench ", lines[0]);
        Assert.StartsWith("agreement  1200", lines[1]);
        using var json = JsonDocument.Parse(lines[2]);
        Assert.Equal(1200, json.RootElement.GetProperty("annotations").GetInt32());
        Assert.Equal(3600, json.RootElement.GetProperty("labels").GetInt32());
        Assert.Equal(3, json.RootElement.GetProperty("questions").GetInt32());
        // Annotators give the true answer 75% of the time, so agreement is real but imperfect.
        Assert.All(json.RootElement.GetProperty("nominalAlpha").EnumerateArray(),
            a => Assert.InRange(double.Parse(a.GetString()!, System.Globalization.CultureInfo.InvariantCulture), 0.3, 0.8));
    }
}
