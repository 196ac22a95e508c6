using System.Runtime.InteropServices;

namespace Bot.Engine.Semantic;

/// <summary>
/// Gives freed native heap memory back to the operating system. Loading the ONNX model, and running a batch, frees
/// tens of megabytes of ONNX Runtime's working memory that glibc may keep: RSS after a load was ~200 MB or ~167 MB
/// from one run to the next, and up to ~260 MB after a batch of long texts. A <c>malloc_trim</c> (2–4 ms) after
/// either makes it ~167–170 MB every time (bench/README.md). A no-op where there is no glibc.
/// </summary>
internal static class NativeHeap
{
    public static void Trim()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        try
        {
            _ = MallocTrim(0);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            // Not glibc (musl has no malloc_trim): nothing to do.
        }
    }

    [DllImport("libc.so.6", EntryPoint = "malloc_trim")]
    private static extern int MallocTrim(nuint pad);
}
