using ValueAlign.Core.Inference;
using ValueAlign.Core.Inference.LlamaSharp;
using ValueAlign.Tests.Support;

namespace ValueAlign.Tests.Inference.Runtime;

/// <summary>
/// Which llama.cpp library runs is a setting (the backend package's AVX variant, or a library the
/// user built for the machine), and `bench model` reports the library actually mapped into the
/// process with llama.cpp's own system-info line. Each case runs in its own process, because
/// LLamaSharp fixes its native library at the first native call.
/// </summary>
public sealed class NativeLibraryChoiceTests
{
    private static string PackageLibrary(string variant) =>
        Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", variant, "libllama.so");

    private static async Task<WorkbenchCommand.Result> BenchTinyAsync(TempDirectory dir, params string[] extra) =>
        await WorkbenchCommand.RunAsync(
            ["bench", "model", "--synthetic", "tiny", "--threads", "1", "--items", "2", .. extra],
            Path.Combine(dir.Path, "bench.db"));

    [Fact]
    public async Task Avx_level_selects_that_build_and_the_report_names_it()
    {
        using var dir = new TempDirectory();
        var avx2 = await BenchTinyAsync(dir, "--avx", "avx2");
        Assert.True(avx2.ExitCode == 0, avx2.Output + avx2.Error);
        Assert.Contains($"llama.cpp library: {PackageLibrary("avx2")}", avx2.Output);
        Assert.Contains("AVX2 = 1", avx2.Output);
        Assert.DoesNotContain("AVX512 = 1", avx2.Output);

        var none = await BenchTinyAsync(dir, "--avx", "none");
        Assert.True(none.ExitCode == 0, none.Output + none.Error);
        Assert.Contains($"llama.cpp library: {PackageLibrary("noavx")}", none.Output);
        Assert.DoesNotContain("AVX2 = 1", none.Output);
    }

    [Fact]
    public async Task A_library_path_loads_that_file()
    {
        // A copy of the package's AVX2 build stands in for a library the user built: what matters is
        // that the named file, not the package's choice, is the one mapped into the process.
        using var dir = new TempDirectory();
        var own = CopyOfPackageBuild(dir, name => name);
        var result = await BenchTinyAsync(dir, "--native-library", Path.Combine(own, "libllama.so"));
        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        Assert.Contains($"llama.cpp library: {Path.Combine(own, "libllama.so")}", result.Output);
        Assert.Contains($"CPU backend: {Path.Combine(own, "libggml-cpu.so")}", result.Output);
        Assert.Matches(@"ggml \d+\.\d+\.\d+ \(commit [0-9a-f]+\)", result.Output);
        Assert.Contains("persistent thread pool: 1 threads", result.Output);
    }

    [Fact]
    public async Task A_ggml_cpu_backend_linked_under_another_file_name_still_gets_the_persistent_pool()
    {
        // A llama.cpp built with CMake's defaults links libggml-cpu.so.0 (a versioned soname), so a
        // load of "libggml-cpu.so" by name does not find the loaded backend and ggml would start its
        // threads on every decode. The same situation without a compiler: the package's AVX2 build
        // with the backend's file, soname and libggml.so's dependency on it renamed to libggml-cpu.s0
        // (same length, so the ELF string tables keep their layout).
        using var dir = new TempDirectory();
        var own = CopyOfPackageBuild(dir, name => name == "libggml-cpu.so" ? "libggml-cpu.s0" : name);
        foreach (var patched in new[] { "libggml.so", "libggml-cpu.s0" })
        {
            var path = Path.Combine(own, patched);
            var bytes = File.ReadAllBytes(path);
            Assert.True(ReplaceAll(bytes, "libggml-cpu.so\0"u8, "libggml-cpu.s0\0"u8) > 0, $"the package's {patched} no longer names libggml-cpu.so; update this test");
            File.WriteAllBytes(path, bytes);
        }

        var result = await BenchTinyAsync(dir, "--native-library", Path.Combine(own, "libllama.so"));
        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        Assert.Contains($"CPU backend: {Path.Combine(own, "libggml-cpu.s0")}", result.Output);
        Assert.Contains("persistent thread pool: 1 threads", result.Output);
    }

    /// <summary>The package's AVX2 build copied into a folder of <paramref name="dir"/>, each file under the name <paramref name="rename"/> gives it.</summary>
    private static string CopyOfPackageBuild(TempDirectory dir, Func<string, string> rename)
    {
        var own = Path.Combine(dir.Path, "llama-build");
        Directory.CreateDirectory(own);
        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(PackageLibrary("avx2"))!))
        {
            File.Copy(file, Path.Combine(own, rename(Path.GetFileName(file))));
        }
        return own;
    }

    private static int ReplaceAll(byte[] bytes, ReadOnlySpan<byte> from, ReadOnlySpan<byte> to)
    {
        var count = 0;
        for (var at = 0; at <= bytes.Length - from.Length; at++)
        {
            if (bytes.AsSpan(at, from.Length).SequenceEqual(from))
            {
                to.CopyTo(bytes.AsSpan(at));
                count++;
            }
        }
        return count;
    }

    [Fact]
    public async Task A_library_that_is_not_llama_cpps_is_refused_before_it_is_used()
    {
        // libggml-base.so from the same build is a loadable library without llama.cpp's functions.
        using var dir = new TempDirectory();
        var own = CopyOfPackageBuild(dir, name => name);
        var wrong = Path.Combine(own, "libggml-base.so");

        var result = await BenchTinyAsync(dir, "--native-library", wrong);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"The llama.cpp library {wrong} does not match the llama.cpp LLamaSharp 0.30.0 binds (commit c0c7e147e7efa6c5858754b47259ba4880f8a906)", result.Error);
        Assert.Matches(@"it does not export \d+ of the functions LLamaSharp binds \(llama_\w+, ", result.Error);
    }

    [Fact]
    public async Task A_missing_library_is_a_clear_error()
    {
        using var dir = new TempDirectory();
        var result = await BenchTinyAsync(dir, "--native-library", "/nonexistent/libllama.so");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Models:NativeLibraryPath names /nonexistent/libllama.so, which does not exist", result.Error);
    }

    [Fact]
    public void Settings_are_validated_with_the_key_named()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new ModelRuntimeOptions { NativeAvxLevel = "sse9" }.Validate());
        Assert.Equal("Models:NativeAvxLevel must be auto, none, avx, avx2 or avx512.", error.Message);
    }

    [Fact]
    public async Task A_library_choice_after_llama_cpp_is_loaded_says_it_needs_a_restart()
    {
        // Load once with the default (this test process may already have), then ask for another build.
        await using (await LlamaSharpLanguageModel.LoadAsync(StoriesModelFixture.ModelPath, StoriesModelFixture.Options))
        {
        }
        var error = await Assert.ThrowsAsync<ModelLoadException>(() => LlamaSharpLanguageModel.LoadAsync(
            StoriesModelFixture.ModelPath, new ModelRuntimeOptions { NativeAvxLevel = "avx2", ContextSize = 256, BatchSize = 256, MicroBatchSize = 256 }));
        Assert.Contains("takes effect after a restart", error.Message);
    }
}
