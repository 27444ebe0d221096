using System.CommandLine;
using ValueAlign.Core.Benchmarks.Import;
using ValueAlign.Core.Benchmarks.Importers;

namespace ValueAlign.Web.Cli;

/// <summary>`presets`: named column mappings for the generic importer (`import --preset NAME`).</summary>
public static class PresetsCommand
{
    public static Command Create()
    {
        var presets = new Command("presets", "Manage column-mapping presets of the generic importer.");

        var name = new Argument<string>("name") { Description = "Preset name." };
        var mapping = new Argument<FileInfo>("mapping") { Description = "JSON file: {\"benchmark\", \"kind\", \"format\", \"columns\": {target: column}, \"constants\", \"labels\": [{\"column\", \"value_system\", \"dimension\"}]}." };
        var save = new Command("save", "Create or replace a preset from a JSON mapping file.") { name, mapping };
        save.SetAction(async (ParseResult parse, CancellationToken ct) =>
        {
            var console = CliConsole.Current;
            ColumnMapping? map;
            try
            {
                map = ImportPresetStore.ParseMapping(await File.ReadAllTextAsync(parse.GetValue(mapping)!.FullName, ct));
            }
            catch (Exception e) when (e is ArgumentException or IOException)
            {
                console.Error.WriteLine($"{parse.GetValue(mapping)!.Name}: {e.Message}");
                return 1;
            }
            await using var services = await CliServices.CreateAsync(ct);
            try
            {
                await services.GetRequiredService<ImportPresetStore>().SaveAsync(parse.GetValue(name)!, map!, ct);
            }
            catch (ArgumentException e)
            {
                console.Error.WriteLine(e.Message);
                return 1;
            }
            console.Out.WriteLine($"Saved preset {parse.GetValue(name)}.");
            return 0;
        });

        var list = new Command("list", "List the presets.");
        list.SetAction(async (ParseResult _, CancellationToken ct) =>
        {
            await using var services = await CliServices.CreateAsync(ct);
            foreach (var preset in await services.GetRequiredService<ImportPresetStore>().ListAsync(ct))
            {
                CliConsole.Current.Out.WriteLine(preset);
            }
            return 0;
        });

        presets.Subcommands.Add(save);
        presets.Subcommands.Add(list);
        return presets;
    }
}
