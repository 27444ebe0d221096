using System.CommandLine;
using ValueAlign.Core.Annotation.Adjudication;
using ValueAlign.Core.Benchmarks.Export;
using ValueAlign.Core.Benchmarks.Model;
using ValueAlign.Core.Benchmarks.Query;

namespace ValueAlign.Web.Cli;

/// <summary>`export`: writes the (filtered) library as JSONL, CSV, Parquet or Hugging Face JSONL.</summary>
public static class ExportCommand
{
    public static Command Create()
    {
        var format = new Option<string>("--format") { Description = "jsonl (re-importable, with source records), csv, parquet or hf.", DefaultValueFactory = _ => "jsonl" };
        var output = new Option<FileInfo>("--out") { Description = "File to write.", Required = true };
        var benchmark = new Option<string?>("--benchmark") { Description = "Only this benchmark." };
        var kind = new Option<ItemKind?>("--kind") { Description = "Only this item kind." };
        var category = new Option<string?>("--category") { Description = "Only this category." };
        var country = new Option<string?>("--country") { Description = "Only this country." };
        var language = new Option<string?>("--language") { Description = "Only this language." };
        var modality = new Option<Modality?>("--modality") { Description = "Only this modality." };
        var label = new Option<string?>("--label") { Description = "Only items with a non-zero label on DIMENSION or VALUE-SYSTEM/DIMENSION." };
        var status = new Option<VerificationStatus?>("--status") { Description = "Only items with this verification status." };
        var search = new Option<string?>("--search") { Description = "Only items whose text matches these words." };
        var fullLabels = new Option<bool>("--annotator-names")
        {
            Description = "Verified labels with annotator names and items still in blind queues (default: pseudonyms, open blind items left out).",
        };
        var command = new Command("export", "Export benchmark items.")
        {
            format, output, benchmark, kind, category, country, language, modality, label, status, search, fullLabels,
        };
        command.SetAction(async (ParseResult parse, CancellationToken ct) =>
        {
            var console = CliConsole.Current;
            ExportFormat exportFormat;
            try
            {
                exportFormat = ItemExporter.ParseFormat(parse.GetValue(format)!);
            }
            catch (ArgumentException e)
            {
                console.Error.WriteLine(e.Message);
                return 2;
            }
            var labelValue = parse.GetValue(label);
            var slash = labelValue?.IndexOf('/') ?? -1;
            var filter = new ItemFilter
            {
                Benchmark = parse.GetValue(benchmark),
                Kind = parse.GetValue(kind),
                Category = parse.GetValue(category),
                Country = parse.GetValue(country),
                Language = parse.GetValue(language),
                Modality = parse.GetValue(modality),
                LabelValueSystem = slash > 0 ? labelValue![..slash] : null,
                LabelDimension = slash > 0 ? labelValue![(slash + 1)..] : labelValue,
                VerificationStatus = parse.GetValue(status),
                Search = parse.GetValue(search),
            };
            await using var services = await CliServices.CreateAsync(ct);
            var path = parse.GetValue(output)!.FullName;
            var count = await services.GetRequiredService<ItemExporter>().ExportAsync(filter, exportFormat, path,
                parse.GetValue(fullLabels) ? LabelDisclosure.Full : LabelDisclosure.Restricted, ct);
            console.Out.WriteLine($"Exported {count} item(s) to {path}.");
            return 0;
        });
        return command;
    }
}
