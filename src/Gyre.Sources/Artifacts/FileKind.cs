using System.Runtime.InteropServices;

namespace Gyre.Sources.Artifacts;

/// <summary>
/// Tells regular files from FIFOs, sockets and devices, which .NET's FileInfo does not: opening a FIFO to read it
/// would block forever. Special files always report length 0, so only empty files need the (Linux statx) check.
/// </summary>
internal static partial class FileKind
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxType = 0x1;
    private const int ModeOffset = 28; // struct statx: u32 mask, u32 blksize, u64 attributes, u32 nlink, u32 uid, u32 gid, u16 mode
    private const int TypeMask = 0xF000;
    private const int RegularFile = 0x8000;

    /// <summary>Whether <paramref name="file"/> is a regular file (true when the platform cannot say otherwise).</summary>
    public static bool IsRegular(FileInfo file)
    {
        if (file.Length > 0 || !OperatingSystem.IsLinux())
        {
            return true;
        }

        var buffer = new byte[256];
        try
        {
            if (Statx(AtFdCwd, file.FullName, AtSymlinkNoFollow, StatxType, buffer) != 0)
            {
                return true;
            }
        }
        catch (EntryPointNotFoundException)
        {
            return true; // libc older than glibc 2.28: archive empty files as empty, never open them
        }

        return (BitConverter.ToUInt16(buffer, ModeOffset) & TypeMask) == RegularFile;
    }

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Statx(int dirfd, string path, int flags, uint mask, [Out] byte[] buffer);
}
