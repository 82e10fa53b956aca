using System.ComponentModel;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using System.Text;

namespace Rectification.Core.Auditing;

/// <summary>
/// Appends lines to a file that may be made append-only (<c>chattr +a</c>), under an exclusive lock so that several
/// processes can share it, and reads it under a shared lock. .NET's <see cref="FileMode.Append"/> opens for plain
/// writing and seeks to the end, which Linux refuses on an append-only file, so on Linux and macOS the file is
/// opened with O_APPEND through libc and locked with flock, the lock .NET's own file streams honour.
/// </summary>
internal static class AppendOnlyFile
{
    private static readonly TimeSpan s_lockWait = TimeSpan.FromSeconds(10);

    public static void AppendLine(string path, string line)
    {
        var bytes = Encoding.UTF8.GetBytes(line + "\n");
        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
        {
            AppendWithLibc(path, bytes);
            return;
        }

        Retry(() =>
        {
            using var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
            stream.Write(bytes);
            stream.Flush(flushToDisk: true);
        });
    }

    /// <summary>Every line, once no writer holds the file (a writer's lock makes the open fail for a moment).</summary>
    public static string[] ReadLines(string path)
    {
        string[] lines = [];
        Retry(() => lines = File.ReadAllLines(path, Encoding.UTF8));
        return lines;
    }

    [UnsupportedOSPlatform("windows")]
    private static void AppendWithLibc(string path, byte[] bytes)
    {
        CreateIfMissing(path);
        var flags = OperatingSystem.IsMacOS()
            ? MacOpenFlags.WriteOnly | MacOpenFlags.Append | MacOpenFlags.CloseOnExec
            : LinuxOpenFlags.WriteOnly | LinuxOpenFlags.Append | LinuxOpenFlags.CloseOnExec;
        var descriptor = Native.Open(Encoding.UTF8.GetBytes(path + "\0"), flags, 0);
        if (descriptor < 0)
        {
            throw Failure("open", path);
        }

        try
        {
            var deadline = DateTime.UtcNow + s_lockWait;
            while (Native.Flock(descriptor, LockExclusive | LockNonBlocking) != 0)
            {
                if (DateTime.UtcNow > deadline)
                {
                    throw Failure("lock", path);
                }

                Thread.Sleep(20);
            }

            for (var written = 0; written < bytes.Length;)
            {
                var count = Native.Write(descriptor, ref bytes[written], bytes.Length - written);
                if (count <= 0)
                {
                    throw Failure("write", path);
                }

                written += (int)count;
            }

            if (Native.Fsync(descriptor) != 0)
            {
                throw Failure("fsync", path);
            }
        }
        finally
        {
            // Closing releases the lock.
            _ = Native.Close(descriptor);
        }
    }

    /// <summary>
    /// Created by .NET rather than by open(2) with O_CREAT, whose mode argument is variadic (passed differently
    /// on Apple's ARM than a plain P/Invoke passes it).
    /// </summary>
    [UnsupportedOSPlatform("windows")]
    private static void CreateIfMissing(string path)
    {
        if (File.Exists(path))
        {
            return;
        }

        try
        {
            using var created = new FileStream(path, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead,
            });
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process created it first.
        }
    }

    private static IOException Failure(string operation, string path) =>
        new($"Could not {operation} {path}: {new Win32Exception(Marshal.GetLastPInvokeError()).Message}");

    private static void Retry(Action action)
    {
        var deadline = DateTime.UtcNow + s_lockWait;
        while (true)
        {
            try
            {
                action();
                return;
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(20);
            }
        }
    }

    private const int LockExclusive = 2;
    private const int LockNonBlocking = 4;

    private static class LinuxOpenFlags
    {
        public const int WriteOnly = 0x1;
        public const int Append = 0x400;
        public const int CloseOnExec = 0x80000;
    }

    private static class MacOpenFlags
    {
        public const int WriteOnly = 0x1;
        public const int Append = 0x8;
        public const int CloseOnExec = 0x1000000;
    }

    private static class Native
    {
        [DllImport("libc", EntryPoint = "open", SetLastError = true)]
        public static extern int Open(byte[] path, int flags, int mode);

        [DllImport("libc", EntryPoint = "flock", SetLastError = true)]
        public static extern int Flock(int descriptor, int operation);

        [DllImport("libc", EntryPoint = "write", SetLastError = true)]
        public static extern nint Write(int descriptor, ref byte buffer, nint count);

        [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
        public static extern int Fsync(int descriptor);

        [DllImport("libc", EntryPoint = "close", SetLastError = true)]
        public static extern int Close(int descriptor);
    }
}
