using System.Buffers.Binary;
using System.Text;

namespace Rectification.Core.Evidence;

/// <summary>
/// Just enough of the OLE2 Compound File Binary format ([MS-CFB]) to list the streams at the root of a file:
/// the legacy Office formats (.doc, .xls, .ppt) are compound files told apart only by the name of their main stream.
/// </summary>
/// <remarks>
/// The content is hostile, so every number read from it is checked before it is used: sector numbers against the
/// file's length, every chain and tree walk against the number of sectors or entries there can be, so a loop or a
/// forged count ends the parse instead of spinning or allocating. Any inconsistency gives <c>null</c>.
/// Only the header, the FAT (and DIFAT), the directory sectors and the directory entries of the root's children are
/// read; stream contents never are.
/// </remarks>
internal static class CompoundFile
{
    /// <summary>D0 CF 11 E0 A1 B1 1A E1 ("DOCFILE" in hex-speak).</summary>
    public static ReadOnlySpan<byte> Signature => [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    private const int HeaderLength = 512;
    private const int HeaderDifatCount = 109;
    private const int DirectoryEntryLength = 128;
    private const uint MaxRegularSector = 0xFFFFFFFA;
    private const uint EndOfChain = 0xFFFFFFFE;
    private const uint FreeSector = 0xFFFFFFFF;
    private const uint NoStream = 0xFFFFFFFF;

    private const byte UnallocatedObject = 0;
    private const byte StorageObject = 1;
    private const byte StreamObject = 2;
    private const byte RootStorageObject = 5;

    /// <summary>
    /// The names of the streams directly under the root storage, or <c>null</c> when the content is not a
    /// consistent compound file. Streams inside sub-storages are left out on purpose: a Word document with an
    /// embedded spreadsheet keeps a <c>Workbook</c> stream under <c>ObjectPool</c>, and an Outlook .msg with a
    /// Word attachment keeps a <c>WordDocument</c> under an attachment storage; neither says what the file is.
    /// </summary>
    public static IReadOnlyList<string>? RootStreamNames(Stream content)
    {
        var header = new byte[HeaderLength];
        if (!ReadExactly(content, 0, header) || !header.AsSpan(0, Signature.Length).SequenceEqual(Signature))
        {
            return null;
        }

        var layout = Layout.FromHeader(header, content.Length);
        if (layout is null)
        {
            return null;
        }

        var fatSectors = FatSectors(content, header, layout);
        if (fatSectors is null || !FileHoldsEveryUsedSector(content, layout, fatSectors))
        {
            return null;
        }

        var directory = DirectoryChain(content, layout, fatSectors, ReadUInt32(header, 48));
        return directory is null ? null : RootStreams(content, layout, directory);
    }

    /// <summary>
    /// The FAT's own sectors, in order: the first 109 are listed in the header, the rest in a chain of DIFAT sectors
    /// whose last slot points to the next one. A file of 7 MB or more with 512-byte sectors needs that chain.
    /// </summary>
    private static List<uint>? FatSectors(Stream content, byte[] header, Layout layout)
    {
        var fatCount = ReadUInt32(header, 44);
        var difatCount = ReadUInt32(header, 72);
        if (fatCount == 0 || fatCount > layout.SectorCount || difatCount > layout.SectorCount)
        {
            return null;
        }

        var fatSectors = new List<uint>();
        for (var i = 0; i < HeaderDifatCount && fatSectors.Count < fatCount; i++)
        {
            fatSectors.Add(ReadUInt32(header, 76 + (i * 4)));
        }

        var difatSector = ReadUInt32(header, 68);
        var slotsPerDifatSector = layout.EntriesPerFatSector - 1;
        var difat = new byte[layout.SectorSize];
        for (var read = 0u; fatSectors.Count < fatCount; read++)
        {
            // The declared DIFAT count bounds the walk, so a chain that loops runs out instead of spinning.
            if (read == difatCount || !layout.IsSector(difatSector)
                || !ReadExactly(content, layout.OffsetOf(difatSector), difat))
            {
                return null;
            }

            for (var i = 0; i < slotsPerDifatSector && fatSectors.Count < fatCount; i++)
            {
                fatSectors.Add(ReadUInt32(difat, i * 4));
            }

            difatSector = ReadUInt32(difat, (int)slotsPerDifatSector * 4);
        }

        return fatSectors.TrueForAll(layout.IsSector) ? fatSectors : null;
    }

    /// <summary>
    /// Whether the file is long enough for every sector the FAT marks as in use. An upload cut short usually loses
    /// its end, which the directory may not live in; this catches it all the same. Reads the FAT once, a sector at a
    /// time: 1/128 of the file with 512-byte sectors.
    /// </summary>
    private static bool FileHoldsEveryUsedSector(Stream content, Layout layout, List<uint> fatSectors)
    {
        var fat = new byte[layout.SectorSize];
        for (var f = 0; f < fatSectors.Count; f++)
        {
            if (!ReadExactly(content, layout.OffsetOf(fatSectors[f]), fat))
            {
                return false;
            }

            for (var i = 0; i < layout.EntriesPerFatSector; i++)
            {
                var sector = ((long)f * layout.EntriesPerFatSector) + i;
                if (ReadUInt32(fat, i * 4) != FreeSector && sector >= layout.SectorCount)
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>The sectors of the directory stream, following its FAT chain until ENDOFCHAIN.</summary>
    private static List<uint>? DirectoryChain(Stream content, Layout layout, List<uint> fatSectors, uint first)
    {
        var chain = new List<uint>();
        var visited = new HashSet<uint>();
        var entry = new byte[4];
        for (var sector = first; sector != EndOfChain;)
        {
            // A sector seen twice is a loop; the HashSet also bounds the walk by the number of sectors.
            if (!layout.IsSector(sector) || !visited.Add(sector))
            {
                return null;
            }

            chain.Add(sector);
            var fatIndex = sector / layout.EntriesPerFatSector;
            if (fatIndex >= fatSectors.Count)
            {
                return null;
            }

            var offset = layout.OffsetOf(fatSectors[(int)fatIndex]) + (sector % layout.EntriesPerFatSector * 4);
            if (!ReadExactly(content, offset, entry))
            {
                return null;
            }

            sector = ReadUInt32(entry, 0);
        }

        return chain.Count == 0 ? null : chain;
    }

    /// <summary>
    /// Walks the root's children: the root entry (always entry 0) points to one child, and its siblings hang off it
    /// as a binary tree through the left and right sibling ids.
    /// </summary>
    private static List<string>? RootStreams(Stream content, Layout layout, List<uint> directory)
    {
        var entriesPerSector = (uint)(layout.SectorSize / DirectoryEntryLength);
        var entryCount = (long)directory.Count * entriesPerSector;
        var entry = new byte[DirectoryEntryLength];

        bool ReadEntry(uint id) =>
            ReadExactly(
                content,
                layout.OffsetOf(directory[(int)(id / entriesPerSector)]) + (id % entriesPerSector * DirectoryEntryLength),
                entry);

        if (!ReadEntry(0) || entry[66] != RootStorageObject)
        {
            return null;
        }

        var names = new List<string>();
        var visited = new HashSet<uint>();
        var pending = new Stack<uint>();
        pending.Push(ReadUInt32(entry, 76));
        while (pending.Count > 0)
        {
            var id = pending.Pop();
            if (id == NoStream)
            {
                continue;
            }

            // Entry 0 is the root itself; an id met twice is a cycle; either is a forged tree.
            if (id == 0 || id >= entryCount || !visited.Add(id) || !ReadEntry(id))
            {
                return null;
            }

            var type = entry[66];
            if (type is not (StorageObject or StreamObject))
            {
                return null;
            }

            var name = EntryName(entry);
            if (name is null)
            {
                return null;
            }

            if (type == StreamObject)
            {
                names.Add(name);
            }

            pending.Push(ReadUInt32(entry, 68));
            pending.Push(ReadUInt32(entry, 72));
        }

        return names;
    }

    /// <summary>The UTF-16LE name: at most 31 characters and a terminating NUL, its byte length including the NUL.</summary>
    private static string? EntryName(byte[] entry)
    {
        var length = BinaryPrimitives.ReadUInt16LittleEndian(entry.AsSpan(64));
        if (length < 2 || length > 64 || length % 2 != 0)
        {
            return null;
        }

        return Encoding.Unicode.GetString(entry, 0, length - 2);
    }

    private static uint ReadUInt32(byte[] buffer, int offset) =>
        BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(offset));

    private static bool ReadExactly(Stream content, long offset, byte[] buffer)
    {
        if (offset < 0 || offset > content.Length - buffer.Length)
        {
            return false;
        }

        content.Position = offset;
        return content.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false) == buffer.Length;
    }

    /// <summary>The sector geometry the header declares, checked against the versions [MS-CFB] allows.</summary>
    private sealed record Layout(int SectorSize, uint SectorCount)
    {
        public uint EntriesPerFatSector => (uint)(SectorSize / 4);

        public static Layout? FromHeader(byte[] header, long length)
        {
            var majorVersion = BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(26));
            var byteOrder = BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(28));
            var sectorShift = BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(30));
            var miniSectorShift = BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(32));

            // Version 3 has 512-byte sectors, version 4 4096-byte ones; nothing else exists.
            var consistent = (majorVersion, sectorShift) is (3, 9) or (4, 12);
            if (!consistent || byteOrder != 0xFFFE || miniSectorShift != 6)
            {
                return null;
            }

            // The header occupies sector "-1"; a last sector cut short still counts, reads past the end fail later.
            var sectorSize = 1 << sectorShift;
            var sectors = (length - sectorSize + sectorSize - 1) / sectorSize;
            return sectors is > 0 and <= MaxRegularSector ? new Layout(sectorSize, (uint)sectors) : null;
        }

        public bool IsSector(uint sector) => sector < SectorCount;

        public long OffsetOf(uint sector) => (sector + 1L) * SectorSize;
    }
}
