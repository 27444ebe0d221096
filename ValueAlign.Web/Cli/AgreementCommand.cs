using System.CommandLine;
using ValueAlign.Core.Annotation.Agreement;

namespace ValueAlign.Web.Cli;

/// <summary>
/// `agreement --input FILE`: agreement statistics per question from CSV or JSON Lines rows of
/// (item, annotator, question, label), for researchers outside the UI. Needs no database.
/// </summary>
public static class AgreementCommand
{
    public static Command Create()
    {
        var input = new Option<FileInfo>("--input")
        {
            Description = "CSV with header item,annotator,question,label, or JSON Lines with those fields (.jsonl).",
            Required = true,
        };
        var question = new Option<string?>("--question") { Description = "Only this question." };
        var format = new Option<string>("--format")
        {
            Description = "table (default) or json.",
            DefaultValueFactory = _ => "table",
        };
        format.AcceptOnlyFromAmong("table", "json");

        var command = new Command("agreement",
            "Percent agreement, Fleiss' kappa, Krippendorff's alpha (nominal/ordinal/interval) and mean pairwise Cohen's kappa per question.")
        {
            input, question, format,
        };
        command.SetAction((ParseResult parse, CancellationToken _) =>
        {
            var console = CliConsole.Current;
            var file = parse.GetValue(input)!;
            if (!file.Exists)
            {
                console.Error.WriteLine($"Input file not found: {file.FullName}");
                return Task.FromResult(1);
            }
            List<AnnotationRow> rows;
            try
            {
                rows = AnnotationRowReader.ReadFile(file.FullName);
            }
            catch (AnnotationFileException e)
            {
                console.Error.WriteLine(e.Message);
                return Task.FromResult(1);
            }

            var only = parse.GetValue(question);
            if (only is not null)
            {
                var all = rows.Select(r => r.Question).Distinct().Order(StringComparer.Ordinal).ToList();
                if (!all.Contains(only))
                {
                    console.Error.WriteLine($"{file.Name} has no question '{only}'; it has: {string.Join(", ", all)}");
                    return Task.FromResult(1);
                }
                rows = rows.Where(r => r.Question == only).ToList();
            }
            if (rows.Count == 0)
            {
                console.Error.WriteLine($"{file.Name} has no labels.");
                return Task.FromResult(1);
            }

            var report = AgreementReport.Compute(rows);
            if (parse.GetValue(format) == "json")
            {
                AgreementReportWriter.WriteJson(console.Out, file.Name, report);
            }
            else
            {
                AgreementReportWriter.WriteTable(console.Out, file.Name, report);
            }
            return Task.FromResult(0);
        });
        return command;
    }
}
