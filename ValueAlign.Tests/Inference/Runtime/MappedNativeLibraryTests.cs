using ValueAlign.Core.Inference.LlamaSharp;

namespace ValueAlign.Tests.Inference.Runtime;

/// <summary>Finding a loaded native library in the process map by its file name's stem.</summary>
public sealed class MappedNativeLibraryTests
{
    private static readonly string[] Map =
    [
        "7f0000000000-7f0000001000 r--p 00000000 00:00 0 ",
        "7f0000001000-7f0000002000 r--p 00000000 08:01 11 /usr/lib/x86_64-linux-gnu/libllama-common.so.0.7.0",
        "7f0000002000-7f0000003000 r-xp 00000000 08:01 12 /opt/llama build/lib/libllama.so",
        "7f0000003000-7f0000004000 r-xp 00000000 08:01 13 /opt/llama build/lib/libggml-cpu-icelake.so",
        "7f0000004000-7f0000005000 r-xp 00000000 08:01 14 /opt/llama build/lib/libggml-base.so.0.17.0",
        "7f0000005000-7f0000006000 rw-p 00000000 00:00 0 [heap]",
    ];

    [Fact]
    public void A_stem_matches_the_file_with_its_extension_and_version_but_not_a_longer_name()
    {
        Assert.Equal("/opt/llama build/lib/libllama.so", MappedNativeLibrary.Find(Map, "libllama", variants: false));
        Assert.Equal("/opt/llama build/lib/libggml-base.so.0.17.0", MappedNativeLibrary.Find(Map, "libggml-base", variants: false));
    }

    [Fact]
    public void Per_cpu_variants_match_only_when_asked()
    {
        Assert.Null(MappedNativeLibrary.Find(Map, "libggml-cpu", variants: false));
        Assert.Equal("/opt/llama build/lib/libggml-cpu-icelake.so", MappedNativeLibrary.Find(Map, "libggml-cpu", variants: true));
    }

    [Fact]
    public void A_library_that_is_not_mapped_is_null()
    {
        Assert.Null(MappedNativeLibrary.Find(Map, "libmtmd", variants: true));
        Assert.Null(MappedNativeLibrary.Find([], "libllama", variants: false));
    }
}
