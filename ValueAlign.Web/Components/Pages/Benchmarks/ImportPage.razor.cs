using MudBlazor;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using ValueAlign.Core.Benchmarks.Import;

namespace ValueAlign.Web.Components.Pages.Benchmarks;

/// <summary>
/// Upload, dry run and import. Uploads go to a private temporary folder first (importers read
/// files, and Touché23 needs its partner file next to it); the folder is deleted when the page
/// goes away or another upload replaces it. All files of one upload share a quota
/// (<see cref="ImportLimits.MaxUploadMB"/>); a running import can be cancelled, which rolls it
/// back and releases the database.
/// </summary>
public partial class ImportPage
{
    private const string AutoDetect = "";

    private string? _folder;
    private List<string> _files = [];
    private string? _selected;
    private string _format = AutoDetect;
    private string? _preset;
    private string? _benchmark;
    private IReadOnlyList<string> _presets = [];
    private bool _busy;
    private ImportProgress? _progress;
    private ImportResult? _result;
    private string? _uploadError;
    private CancellationTokenSource? _cancel;
    private bool _cancelled;

    protected override async Task OnInitializedAsync() => _presets = await Presets.ListAsync();

    private async Task OnPresetSavedAsync(string name)
    {
        _presets = await Presets.ListAsync();
        _preset = name;
        Snackbar.Add($"Preset {name} saved.", Severity.Success);
    }

    private async Task UploadAsync(InputFileChangeEventArgs e)
    {
        _uploadError = null;
        _result = null;
        _progress = null;
        DeleteFolder();
        _folder = Directory.CreateTempSubdirectory("valuealign-import-").FullName;
        _files = [];
        var quota = new UploadQuota(Limits.MaxUploadBytes);
        try
        {
            foreach (var file in e.GetMultipleFiles(16))
            {
                // Only the name's last part, so an upload can never write outside its folder.
                var name = Path.GetFileName(file.Name.Replace('\\', '/').Split('/')[^1]);
                if (string.IsNullOrWhiteSpace(name) || name is "." or "..")
                {
                    throw new IOException($"'{file.Name}' is not a usable file name");
                }
                await using (var target = new FileStream(Path.Combine(_folder, name), FileMode.Create, FileAccess.Write))
                await using (var source = file.OpenReadStream(Limits.MaxUploadBytes))
                {
                    await quota.CopyAsync(source, target, name);
                }
                _files.Add(name);
            }
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException)
        {
            _uploadError = $"Upload failed: {ex.Message}";
            _files = [];
            DeleteFolder();
        }
        _selected = _files.FirstOrDefault();
    }

    private async Task RunAsync(bool dryRun)
    {
        if (_folder is null || _selected is null)
        {
            return;
        }
        _busy = true;
        _cancelled = false;
        _result = null;
        _cancel = new CancellationTokenSource();
        var token = _cancel.Token;
        _progress = new ImportProgress(0, 0, 0);
        var progress = new Progress<ImportProgress>(p =>
        {
            _progress = p;
            _ = InvokeAsync(StateHasChanged);
        });
        var options = new ImportOptions
        {
            Format = string.IsNullOrEmpty(_format) ? null : _format,
            Preset = string.IsNullOrWhiteSpace(_preset) ? null : _preset,
            Benchmark = string.IsNullOrWhiteSpace(_benchmark) ? null : _benchmark.Trim(),
            DryRun = dryRun,
        };
        var path = Path.Combine(_folder, _selected);
        try
        {
            // Off the circuit's thread so the progress bar keeps moving during a long import.
            _result = await Task.Run(() => Imports.ImportAsync(path, options, progress, token), CancellationToken.None);
        }
        catch (ImportException ex)
        {
            _result = new ImportResult(_selected, options.Format ?? "?", 0, 0, 0, 0, dryRun, ex.Errors);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // The import's transaction was rolled back: nothing was written and the database is free.
            _cancelled = true;
            _progress = null;
        }
        finally
        {
            _busy = false;
            _cancel.Dispose();
            _cancel = null;
        }
    }

    /// <summary>Asks the running import to stop; it rolls back and releases the database.</summary>
    private void Cancel() => _cancel?.Cancel();

    private string BrowseHref() =>
        string.IsNullOrWhiteSpace(_benchmark) ? "/benchmarks" : "/benchmarks?benchmark=" + Uri.EscapeDataString(_benchmark.Trim());

    private void DeleteFolder()
    {
        if (_folder is not null && Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
        _folder = null;
    }

    public void Dispose()
    {
        _cancel?.Cancel();
        DeleteFolder();
    }
}
