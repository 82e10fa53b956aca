using System.Buffers.Binary;
using System.Text;

namespace Rectification.UnitTests;

/// <summary>
/// Writes small but valid OLE2 compound files ([MS-CFB] version 3 with 512-byte sectors or version 4 with 4096-byte
/// ones), so the detection tests run on real structures instead of committed binaries: header, FAT (and DIFAT when
/// the FAT outgrows the header's 109 slots), a directory whose siblings form a binary search tree in [MS-CFB] name
/// order, and streams in regular sectors.
/// </summary>
internal sealed class CompoundFileBuilder
{
    public const uint EndOfChain = 0xFFFFFFFE;
    public const uint FreeSector = 0xFFFFFFFF;
    public const uint NoStream = 0xFFFFFFFF;
    private const uint FatSector = 0xFFFFFFFD;
    private const uint DifatSector = 0xFFFFFFFC;
    private const int HeaderDifatCount = 109;
    private const int EntryLength = 128;

    /// <summary>Streams shorter than this belong in the mini stream, which the builder does not write.</summary>
    private const int MiniStreamCutoff = 4096;

    private readonly List<Entry> _entries = [new("Root Entry", Kind: 5, Parent: -1, Size: 0)];

    public CompoundFileBuilder(int majorVersion = 3)
    {
        if (majorVersion is not (3 or 4))
        {
            throw new ArgumentOutOfRangeException(nameof(majorVersion));
        }

        MajorVersion = majorVersion;
    }

    public int MajorVersion { get; }

    public int SectorSize => MajorVersion == 3 ? 512 : 4096;

    /// <summary>Free sectors written before the directory, so that it lies beyond what the header's FAT slots cover.</summary>
    public int LeadingFreeSectors { get; init; }

    /// <summary>Where the first directory sector starts in the last file built.</summary>
    public long DirectoryOffset { get; private set; }

    /// <summary>Where the first FAT sector starts in the last file built.</summary>
    public long FatOffset { get; private set; }

    /// <summary>The sector number of the first directory sector in the last file built.</summary>
    public uint FirstDirectorySector { get; private set; }

    /// <summary>Adds a storage (a folder) under <paramref name="parent"/> (0 is the root) and returns its entry id.</summary>
    public int AddStorage(string name, int parent = 0) => Add(new Entry(name, Kind: 1, parent, Size: 0));

    /// <summary>Adds a stream of <paramref name="size"/> patterned bytes and returns its entry id.</summary>
    public int AddStream(string name, int size = MiniStreamCutoff, int parent = 0)
    {
        if (size is > 0 and < MiniStreamCutoff)
        {
            throw new ArgumentOutOfRangeException(nameof(size), "Small streams would belong in the mini stream.");
        }

        return Add(new Entry(name, Kind: 2, parent, size));
    }

    public byte[] Build()
    {
        var perSector = SectorSize / 4;
        var entriesPerSector = SectorSize / EntryLength;
        var directorySectors = (_entries.Count + entriesPerSector - 1) / entriesPerSector;
        var dataSectors = _entries.Sum(e => SectorsFor(e.Size));
        var rest = LeadingFreeSectors + directorySectors + dataSectors;

        // The FAT has to describe its own sectors and the DIFAT's too: grow both until they stop changing.
        int fatSectors = 1, difatSectors = 0;
        while (true)
        {
            var total = fatSectors + difatSectors + rest;
            var neededFat = (total + perSector - 1) / perSector;
            var neededDifat = neededFat > HeaderDifatCount
                ? (neededFat - HeaderDifatCount + perSector - 2) / (perSector - 1)
                : 0;
            if (neededFat == fatSectors && neededDifat == difatSectors)
            {
                break;
            }

            fatSectors = neededFat;
            difatSectors = neededDifat;
        }

        var sectorCount = fatSectors + difatSectors + rest;
        var fat = Enumerable.Repeat(FreeSector, fatSectors * perSector).ToArray();
        for (var i = 0; i < fatSectors; i++)
        {
            fat[i] = FatSector;
        }

        for (var i = 0; i < difatSectors; i++)
        {
            fat[fatSectors + i] = DifatSector;
        }

        var next = fatSectors + difatSectors + LeadingFreeSectors;
        var firstDirectory = Chain(fat, ref next, directorySectors);
        var starts = _entries.Select(e => e.Size == 0 ? EndOfChain : Chain(fat, ref next, SectorsFor(e.Size))).ToArray();

        var file = new byte[(sectorCount + 1L) * SectorSize];
        WriteHeader(file, fatSectors, difatSectors, directorySectors, firstDirectory);
        WriteFatAndDifat(file, fat, fatSectors, difatSectors);
        WriteDirectory(file, firstDirectory, starts);
        for (var i = 0; i < _entries.Count; i++)
        {
            if (_entries[i].Size > 0)
            {
                var offset = Offset(starts[i]);
                for (var b = 0; b < _entries[i].Size; b++)
                {
                    file[offset + b] = (byte)(i + b);
                }
            }
        }

        FatOffset = Offset(0);
        DirectoryOffset = Offset(firstDirectory);
        FirstDirectorySector = firstDirectory;
        return file;
    }

    private int Add(Entry entry)
    {
        if (entry.Name.Length is 0 or > 31 || entry.Parent < 0 || entry.Parent >= _entries.Count
            || _entries[entry.Parent].Kind == 2)
        {
            throw new ArgumentException("Names have 1–31 characters and belong to an existing storage.");
        }

        _entries.Add(entry);
        return _entries.Count - 1;
    }

    private int SectorsFor(long size) => (int)((size + SectorSize - 1) / SectorSize);

    private long Offset(uint sector) => (sector + 1L) * SectorSize;

    /// <summary>Allocates <paramref name="count"/> consecutive sectors as one chain and returns its first sector.</summary>
    private static uint Chain(uint[] fat, ref int next, int count)
    {
        var first = (uint)next;
        for (var i = 0; i < count; i++, next++)
        {
            fat[next] = i == count - 1 ? EndOfChain : (uint)(next + 1);
        }

        return first;
    }

    private void WriteHeader(byte[] file, int fatSectors, int difatSectors, int directorySectors, uint firstDirectory)
    {
        var header = file.AsSpan(0, 512);
        new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 }.CopyTo(header);
        BinaryPrimitives.WriteUInt16LittleEndian(header[24..], 0x003E);
        BinaryPrimitives.WriteUInt16LittleEndian(header[26..], (ushort)MajorVersion);
        BinaryPrimitives.WriteUInt16LittleEndian(header[28..], 0xFFFE);
        BinaryPrimitives.WriteUInt16LittleEndian(header[30..], (ushort)(MajorVersion == 3 ? 9 : 12));
        BinaryPrimitives.WriteUInt16LittleEndian(header[32..], 6);
        BinaryPrimitives.WriteUInt32LittleEndian(header[40..], MajorVersion == 3 ? 0u : (uint)directorySectors);
        BinaryPrimitives.WriteUInt32LittleEndian(header[44..], (uint)fatSectors);
        BinaryPrimitives.WriteUInt32LittleEndian(header[48..], firstDirectory);
        BinaryPrimitives.WriteUInt32LittleEndian(header[56..], MiniStreamCutoff);
        BinaryPrimitives.WriteUInt32LittleEndian(header[60..], EndOfChain);
        BinaryPrimitives.WriteUInt32LittleEndian(header[64..], 0);
        BinaryPrimitives.WriteUInt32LittleEndian(header[68..], difatSectors > 0 ? (uint)fatSectors : EndOfChain);
        BinaryPrimitives.WriteUInt32LittleEndian(header[72..], (uint)difatSectors);
        for (var i = 0; i < HeaderDifatCount; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(header[(76 + (i * 4))..], i < fatSectors ? (uint)i : FreeSector);
        }
    }

    /// <summary>FAT sectors are 0 … n-1 and DIFAT sectors follow them, so both are listed in order.</summary>
    private void WriteFatAndDifat(byte[] file, uint[] fat, int fatSectors, int difatSectors)
    {
        for (var i = 0; i < fat.Length; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan((int)Offset((uint)(i * 4 / SectorSize)) + (i * 4 % SectorSize)), fat[i]);
        }

        var slots = (SectorSize / 4) - 1;
        var listed = HeaderDifatCount;
        for (var d = 0; d < difatSectors; d++)
        {
            var sector = file.AsSpan((int)Offset((uint)(fatSectors + d)), SectorSize);
            for (var i = 0; i < slots; i++, listed++)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(sector[(i * 4)..], listed < fatSectors ? (uint)listed : FreeSector);
            }

            var following = d == difatSectors - 1 ? EndOfChain : (uint)(fatSectors + d + 1);
            BinaryPrimitives.WriteUInt32LittleEndian(sector[(slots * 4)..], following);
        }
    }

    private void WriteDirectory(byte[] file, uint firstDirectory, uint[] starts)
    {
        var left = Enumerable.Repeat(NoStream, _entries.Count).ToArray();
        var right = Enumerable.Repeat(NoStream, _entries.Count).ToArray();
        var child = Enumerable.Repeat(NoStream, _entries.Count).ToArray();
        for (var storage = 0; storage < _entries.Count; storage++)
        {
            var children = Enumerable.Range(0, _entries.Count)
                .Where(i => _entries[i].Parent == storage)
                .OrderBy(i => _entries[i].Name.Length)
                .ThenBy(i => _entries[i].Name.ToUpperInvariant(), StringComparer.Ordinal)
                .ToArray();
            child[storage] = Tree(children, 0, children.Length - 1, left, right);
        }

        // Directory sectors are consecutive, so entry i sits at a fixed distance from the first one.
        var directory = file.AsSpan((int)Offset(firstDirectory));
        var entriesPerSector = SectorSize / EntryLength;
        var slotCount = (_entries.Count + entriesPerSector - 1) / entriesPerSector * entriesPerSector;
        for (var i = 0; i < slotCount; i++)
        {
            var entry = directory.Slice(i * EntryLength, EntryLength);
            if (i >= _entries.Count)
            {
                // Unused entries are zero except for their three ids, which say "none".
                BinaryPrimitives.WriteUInt32LittleEndian(entry[68..], NoStream);
                BinaryPrimitives.WriteUInt32LittleEndian(entry[72..], NoStream);
                BinaryPrimitives.WriteUInt32LittleEndian(entry[76..], NoStream);
                continue;
            }

            var e = _entries[i];
            var name = Encoding.Unicode.GetBytes(e.Name + "\0");
            name.CopyTo(entry);
            BinaryPrimitives.WriteUInt16LittleEndian(entry[64..], (ushort)name.Length);
            entry[66] = e.Kind;
            entry[67] = 1; // black
            BinaryPrimitives.WriteUInt32LittleEndian(entry[68..], left[i]);
            BinaryPrimitives.WriteUInt32LittleEndian(entry[72..], right[i]);
            BinaryPrimitives.WriteUInt32LittleEndian(entry[76..], e.Kind == 2 ? NoStream : child[i]);
            BinaryPrimitives.WriteUInt32LittleEndian(entry[116..], e.Kind == 1 ? 0 : starts[i]);
            BinaryPrimitives.WriteUInt64LittleEndian(entry[120..], (ulong)e.Size);
        }
    }

    /// <summary>A balanced binary search tree over the sorted siblings; returns the id at its top.</summary>
    private static uint Tree(int[] sorted, int low, int high, uint[] left, uint[] right)
    {
        if (low > high)
        {
            return NoStream;
        }

        var middle = (low + high) / 2;
        var id = sorted[middle];
        left[id] = Tree(sorted, low, middle - 1, left, right);
        right[id] = Tree(sorted, middle + 1, high, left, right);
        return (uint)id;
    }

    private sealed record Entry(string Name, byte Kind, int Parent, long Size);
}
