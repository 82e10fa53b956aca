using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;
using Rectification.Core.Auditing;

namespace Rectification.UnitTests;

/// <summary>
/// The digest files on a real file system: appended whole by several writers at once, appendable when the kernel
/// keeps them append-only, and each line's signature bound to every field.
/// </summary>
public sealed class AuditDigestFileTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("rectification-digest-test-");

    [Fact]
    public async Task Writers_appending_at_once_while_a_reader_reads_leave_every_line_whole()
    {
        var file = Path.Combine(_folder.FullName, "shared.jsonl");
        var padding = new string('x', 3000);
        var reading = true;
        var partial = 0;
        var reader = Task.Run(() =>
        {
            while (Volatile.Read(ref reading))
            {
                partial += File.Exists(file) ? AppendOnlyFile.ReadLines(file).Count(l => !l.EndsWith("-end", StringComparison.Ordinal)) : 0;
            }
        });

        await Task.WhenAll(Enumerable.Range(0, 8).Select(writer => Task.Run(() =>
        {
            for (var line = 0; line < 50; line++)
            {
                AppendOnlyFile.AppendLine(file, $"{writer}-{line}-{padding}-end");
            }
        })));
        Volatile.Write(ref reading, false);
        await reader;

        var lines = AppendOnlyFile.ReadLines(file);
        Assert.Equal(400, lines.Length);
        Assert.Equal(400, lines.Distinct().Count());
        Assert.All(lines, l => Assert.EndsWith("-end", l, StringComparison.Ordinal));
        Assert.Equal(0, partial);
    }

    [Fact]
    public void A_file_the_kernel_keeps_append_only_is_appended_to_and_cannot_be_rewritten()
    {
        var file = Path.Combine(_folder.FullName, "append-only.jsonl");
        AppendOnlyFile.AppendLine(file, "first");
        // chattr needs root (CAP_LINUX_IMMUTABLE) and ext2/3/4, XFS or Btrfs under the temp folder; the test machines
        // have both, and a machine without them fails here rather than passing without proving anything.
        Assert.True(Chattr("+a", file), $"chattr +a {file} failed: run the tests as root on ext4, XFS or Btrfs.");

        try
        {
            Assert.ThrowsAny<UnauthorizedAccessException>(() => File.WriteAllText(file, "rewritten"));
            Assert.ThrowsAny<UnauthorizedAccessException>(() => File.AppendAllText(file, ".NET's own append"));
            AppendOnlyFile.AppendLine(file, "second");
            Assert.Equal(["first", "second"], AppendOnlyFile.ReadLines(file));
        }
        finally
        {
            Chattr("-a", file);
        }
    }

    [Fact]
    public void A_signed_digest_verifies_and_any_field_changed_breaks_its_signature()
    {
        var storage = new AuditStorage(
            new AuditOptions { Digest = new() { Folder = "digests", SigningKeyFile = "key.pem", CreateKeyIfMissing = true, InstanceName = "web-1" } },
            _folder.FullName);
        var log = new AuditDigestLog(storage, new AuditSigningKeys(storage), new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 2, 0, 0, TimeSpan.Zero)));
        var head = new AuditChainHead { LastSequence = 42, LastHash = new string('a', 64), ArchivedThroughSequence = 7, ArchivedThroughHash = new string('b', 64) };
        var digest = log.Append(head);
        Assert.Equal(("web-1", 42L, 7L, new DateTime(2026, 12, 1, 2, 0, 0, DateTimeKind.Utc)), (digest.Instance, digest.Sequence, digest.ArchivedThroughSequence, digest.At));
        Assert.True(File.Exists(Path.Combine(_folder.FullName, "digests", "audit-digests-web-1.jsonl")));

        AuditDigest[] edits =
        [
            digest with { Instance = "web-2" },
            digest with { Sequence = 41 },
            digest with { Hash = new string('c', 64) },
            digest with { ArchivedThroughSequence = 6 },
            digest with { ArchivedThroughHash = new string('c', 64) },
            digest with { At = digest.At.AddSeconds(1) },
        ];
        foreach (var edit in edits)
        {
            AppendOnlyFile.AppendLine(storage.DigestFile, edit.ToJsonLine());
        }

        AppendOnlyFile.AppendLine(storage.DigestFile, "{\"format\":\"something else\"}");
        var lines = log.ReadAll();
        Assert.Null(lines[0].Fault);
        Assert.All(lines.Skip(1).Take(edits.Length), l => Assert.Equal(AuditDigestFault.BadSignature, l.Fault));
        Assert.Equal(AuditDigestFault.Malformed, lines[^1].Fault);
        Assert.Equal(edits.Length + 2, lines[^1].Line);
    }

    private static bool Chattr(string change, string file)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("chattr", [change, file]) { RedirectStandardError = true })!;
            process.WaitForExit();
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    public void Dispose() => _folder.Delete(recursive: true);
}
