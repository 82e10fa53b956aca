using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rectification.Core.Auditing;
using Rectification.Core.Data;
using Rectification.Core.Scoping;
using Rectification.IntegrationTests.Infrastructure;

namespace Rectification.IntegrationTests;

/// <summary>
/// Someone who can write the database — but not the digest folder, nor read the signing key — rewrites the audit
/// chain so that it is consistent again: every hash recomputed, the head moved. The chain alone still verifies;
/// the signed digests written outside the database do not agree, and verification names the first one it
/// contradicts. Each test works on its own app, database and digest folder.
/// </summary>
public sealed class AuditDigestTests
{
    [Fact]
    public async Task A_chain_rewritten_consistently_contradicts_the_digest_written_before_and_every_report_names_it()
    {
        using var app = new AppFactory();
        await AddEntriesAsync(app, 5);
        var digest = await WriteDigestAsync(app);
        await AddEntriesAsync(app, 5);

        await RewriteFromAsync(app, digest.Sequence - 2, entry => entry.UserName = "别人");

        // What verification could say before digests: the rewritten chain links up from start to head.
        var total = await app.WithDatabaseAsync(db => db.AuditEntries.LongCountAsync());
        Directory.Move(app.AuditDigestFolder, app.AuditDigestFolder + "-away");
        var chainAlone = await VerifyAsync(app);
        Assert.Equal(AuditBreak.DigestsMissing, chainAlone.Problem);
        Assert.Equal(total, chainAlone.Checked);
        Directory.Move(app.AuditDigestFolder + "-away", app.AuditDigestFolder);

        var result = await VerifyAsync(app);
        Assert.False(result.Intact);
        Assert.Equal(AuditBreak.DigestContradicted, result.Problem);
        Assert.Equal(digest.Sequence, result.BrokenAt);
        Assert.Equal(digest, result.Digests.Named?.Digest);

        var (exitCode, output) = await AppVerbs.RunAsync(app, "audit", "verify");
        Assert.Equal(1, exitCode);
        Assert.Contains($"BROKEN at sequence {digest.Sequence}: DigestContradicted", output, StringComparison.Ordinal);
        Assert.Contains($"Digest written {digest.At:yyyy-MM-ddTHH:mm:ss.fffZ} by {digest.Instance} (sequence {digest.Sequence}", output, StringComparison.Ordinal);

        using var admin = await app.LoginAsync("admin");
        var page = await AppClient.ParseAsync(await admin.SubmitAsync(await admin.GetPageAsync("/Audit/Verify"), "form[action='/Audit/Verify']"));
        var alert = page.QuerySelector("[data-audit-broken]")!;
        Assert.Equal(digest.Sequence.ToString(CultureInfo.InvariantCulture), alert.GetAttribute("data-audit-broken"));
        Assert.Equal(digest.Sequence.ToString(CultureInfo.InvariantCulture), alert.QuerySelector("[data-audit-digest]")!.GetAttribute("data-audit-digest"));
        Assert.Contains("与签名摘要记录的哈希不符", alert.TextContent, StringComparison.Ordinal);
        Assert.Contains(Path.GetFileName(result.Digests.Named!.File), alert.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_chain_cut_short_with_its_head_moved_back_falls_short_of_the_digest()
    {
        using var app = new AppFactory();
        await AddEntriesAsync(app, 5);
        var digest = await WriteDigestAsync(app);
        var keep = digest.Sequence - 3;
        await app.WithDatabaseAsync(async db =>
        {
            var last = await db.AuditEntries.SingleAsync(e => e.Sequence == keep);
            await db.AuditEntries.Where(e => e.Sequence > keep).ExecuteDeleteAsync();
            await db.AuditChainHeads.ExecuteUpdateAsync(h => h.SetProperty(x => x.LastSequence, keep).SetProperty(x => x.LastHash, last.Hash));
        });

        var result = await VerifyAsync(app);
        Assert.Equal(AuditBreak.ChainShorterThanDigest, result.Problem);
        Assert.Equal(keep + 1, result.BrokenAt);
        Assert.Equal(keep, result.Checked);
        Assert.Equal(digest, result.Digests.Named?.Digest);

        var (exitCode, output) = await AppVerbs.RunAsync(app, "audit", "verify");
        Assert.Equal(1, exitCode);
        Assert.Contains($"BROKEN at sequence {keep + 1}: ChainShorterThanDigest", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_edited_digest_line_fails_its_signature_and_changes_nothing()
    {
        using var app = new AppFactory();
        await AddEntriesAsync(app, 3);
        await WriteDigestAsync(app);
        var file = Directory.GetFiles(app.AuditDigestFolder).Single();
        var lines = await File.ReadAllLinesAsync(file);
        var edited = JsonNode.Parse(lines[^1])!;
        edited["sequence"] = edited["sequence"]!.GetValue<long>() - 1;
        lines[^1] = edited.ToJsonString();
        await File.WriteAllLinesAsync(file, lines);
        var head = await app.WithDatabaseAsync(db => db.AuditChainHeads.AsNoTracking().SingleAsync());

        var result = await VerifyAsync(app);
        Assert.Equal(AuditBreak.DigestInvalid, result.Problem);
        Assert.Equal(AuditDigestFault.BadSignature, result.Digests.Named?.Fault);
        Assert.Equal(lines.Length, result.Digests.Named?.Line);
        Assert.Equivalent(head, await app.WithDatabaseAsync(db => db.AuditChainHeads.AsNoTracking().SingleAsync()));

        var (exitCode, output) = await AppVerbs.RunAsync(app, "audit", "verify");
        Assert.Equal(1, exitCode);
        Assert.Contains($"{file} line {lines.Length}: BadSignature", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_digest_of_the_rewritten_chain_signed_with_a_key_of_the_attackers_own_is_refused()
    {
        using var app = new AppFactory();
        await AddEntriesAsync(app, 3);
        var digest = await WriteDigestAsync(app);
        await RewriteFromAsync(app, digest.Sequence - 1, entry => entry.Details = "{\"改\":\"过\"}");

        // Whoever can append to the digest folder but lacks the key signs the rewritten head with a key of their own.
        var attacker = Path.Combine(app.EvidenceRoot, "attacker");
        var storage = new AuditStorage(new AuditOptions
        {
            Digest = new() { Folder = app.AuditDigestFolder, SigningKeyFile = Path.Combine(attacker, "key.pem"), CreateKeyIfMissing = true, InstanceName = digest.Instance },
        }, attacker);
        var forged = await app.WithDatabaseAsync(async db =>
            new AuditDigestLog(storage, new AuditSigningKeys(storage), app.Clock).Append(await db.AuditChainHeads.AsNoTracking().SingleAsync()));

        var result = await VerifyAsync(app);
        Assert.Equal(AuditBreak.DigestInvalid, result.Problem);
        Assert.Equal(AuditDigestFault.UnknownKey, result.Digests.Named?.Fault);
        Assert.Equal(forged, result.Digests.Named?.Digest);
    }

    [Fact]
    public async Task Many_writes_scheduled_digests_and_an_archive_verify_and_a_rewritten_archive_does_not()
    {
        using var app = new AppFactory();
        using (var staff = await app.LoginAsync("staff.a"))
        {
            for (var i = 0; i < 20; i++)
            {
                await staff.GetAsync("/Ledger/Export?format=csv");
            }
        }

        // The schedule: a digest each hour of the app's clock in which the chain moved.
        var before = ReadDigests(app).Count;
        for (var hour = 1; hour <= 3; hour++)
        {
            await AddEntriesAsync(app, 10);
            await AdvanceUntilAsync(app, TimeSpan.FromMinutes(30), () => ReadDigests(app).Count == before + hour);
        }

        // An hour in which nothing happened adds no digest.
        app.Clock.Advance(TimeSpan.FromHours(1));
        await Task.Delay(500);
        Assert.Equal(before + 3, ReadDigests(app).Count);

        // Past the retention period everything so far is archived, and the archive run writes its own digest.
        await AddEntriesAsync(app, 1);
        await AdvanceUntilAsync(app, TimeSpan.FromDays(400), () => ReadDigests(app).Count == before + 4);
        AuditArchiveResult archived;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            archived = await scope.ServiceProvider.GetRequiredService<AuditArchiver>().ArchiveAsync();
        }

        await AddEntriesAsync(app, 10);
        await WriteDigestAsync(app);
        var head = await app.WithDatabaseAsync(db => db.AuditChainHeads.AsNoTracking().SingleAsync());
        var digests = ReadDigests(app);
        Assert.True(archived.Count > 50, $"{archived.Count} archived");
        Assert.Contains(digests, d => d.ArchivedThroughSequence == head.ArchivedThroughSequence && d.Sequence > head.ArchivedThroughSequence);
        var archivedDigests = digests.Where(d => d.Sequence < head.ArchivedThroughSequence).ToList();
        Assert.True(archivedDigests.Count >= 3, $"{archivedDigests.Count} digests of positions since archived");

        var result = await VerifyAsync(app);
        Assert.True(result.Intact, $"{result.Problem} at {result.BrokenAt}");
        Assert.Equal(digests.Count, result.Digests.Read);
        Assert.Equal(0, result.Digests.NotCompared);
        Assert.Equal(head.LastSequence - head.ArchivedThroughSequence, result.Checked);
        Assert.Equal(0, (await AppVerbs.RunAsync(app, "audit", "verify")).ExitCode);

        // The archive rewritten consistently (one entry edited, every hash after it recomputed, same ends): it still
        // verifies on its own, but no longer has the hash an hourly digest recorded.
        var first = archivedDigests.MinBy(d => d.Sequence)!;
        var original = await File.ReadAllLinesAsync(archived.File!);
        await File.WriteAllLinesAsync(archived.File!, RewriteArchive(original, first.Sequence - 1));
        Assert.True((await AuditArchiver.VerifyArchiveAsync(archived.File!)).Intact);
        var rewritten = await VerifyAsync(app);
        Assert.Equal(AuditBreak.DigestContradicted, rewritten.Problem);
        Assert.Equal(first.Sequence, rewritten.BrokenAt);
        Assert.Equal(first, rewritten.Digests.Named?.Digest);

        // An archive moved to other storage cannot be compared: said, not failed.
        File.Move(archived.File!, archived.File + ".moved");
        var moved = await VerifyAsync(app);
        Assert.True(moved.Intact, $"{moved.Problem} at {moved.BrokenAt}");
        Assert.True(moved.Digests.NotCompared > 0);
    }

    [Fact]
    public async Task Entries_dropped_as_if_archived_without_an_archive_run_contradict_the_newest_digest()
    {
        using var app = new AppFactory();
        await AddEntriesAsync(app, 5);
        var digest = await WriteDigestAsync(app);
        await AddEntriesAsync(app, 5);

        // The head claims an archive run that never happened, through an entry after the newest digest.
        var claimed = digest.Sequence + 2;
        await app.WithDatabaseAsync(async db =>
        {
            var through = await db.AuditEntries.SingleAsync(e => e.Sequence == claimed);
            await db.AuditEntries.Where(e => e.Sequence <= claimed).ExecuteDeleteAsync();
            await db.AuditChainHeads.ExecuteUpdateAsync(h => h.SetProperty(x => x.ArchivedThroughSequence, claimed).SetProperty(x => x.ArchivedThroughHash, through.Hash));
        });

        var result = await VerifyAsync(app);
        Assert.Equal(AuditBreak.DigestContradicted, result.Problem);
        Assert.Equal(claimed, result.BrokenAt);
        Assert.Equal(digest, result.Digests.Named?.Digest);
    }

    [Fact]
    public async Task The_digest_verb_appends_a_signed_digest_of_the_head_and_a_missing_folder_fails_the_verify_verb()
    {
        using var app = new AppFactory();
        await AddEntriesAsync(app, 3);
        var count = ReadDigests(app).Count;

        var (digestExit, digestOutput) = await AppVerbs.RunAsync(app, "audit", "digest");
        Assert.Equal(0, digestExit);
        var head = await app.WithDatabaseAsync(db => db.AuditChainHeads.AsNoTracking().SingleAsync());
        var written = ReadDigests(app);
        Assert.Equal(count + 1, written.Count);
        Assert.Equal((head.LastSequence, head.LastHash), (written[^1].Sequence, written[^1].Hash));
        Assert.Contains($"sequence {head.LastSequence}", digestOutput, StringComparison.Ordinal);
        Assert.Equal(0, (await AppVerbs.RunAsync(app, "audit", "verify")).ExitCode);

        Directory.Delete(app.AuditDigestFolder, recursive: true);
        Assert.Equal(AuditBreak.DigestsMissing, (await VerifyAsync(app)).Problem);
        var (exitCode, output) = await AppVerbs.RunAsync(app, "audit", "verify");
        Assert.Equal(1, exitCode);
        Assert.Contains("NOT ANCHORED", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_a_key_rotation_old_digests_verify_with_the_old_public_key_and_a_verifier_needs_only_public_keys()
    {
        using var app = new AppFactory();
        var settings = app.AuditSettings;
        var oldKey = settings["Audit:Digest:SigningKeyFile"];
        var publicKeys = Directory.CreateDirectory(Path.Combine(app.EvidenceRoot, "public-keys")).FullName;
        File.Copy(oldKey + ".pub", Path.Combine(publicKeys, "old.pem"));
        var newKey = Path.Combine(app.EvidenceRoot, "new-key.pem");
        AuditSigningKeys.CreateKeyFile(newKey);
        File.Copy(newKey + ".pub", Path.Combine(publicKeys, "new.pem"));

        AuditStorage Storage(string? signingKey, string? publicKeysFolder) => new(new AuditOptions
        {
            ArchiveRoot = settings["Audit:ArchiveRoot"],
            Digest = new() { Folder = app.AuditDigestFolder, SigningKeyFile = signingKey, PublicKeysFolder = publicKeysFolder },
        }, app.EvidenceRoot);

        var rotated = Storage(newKey, publicKeys);
        var oldKeyId = ReadDigests(app)[0].KeyId;
        await AddEntriesAsync(app, 3);
        var byNewKey = await app.WithDatabaseAsync(async db =>
            new AuditDigestLog(rotated, new AuditSigningKeys(rotated), app.Clock).Append(await db.AuditChainHeads.AsNoTracking().SingleAsync()));
        Assert.NotEqual(oldKeyId, byNewKey.KeyId);

        Assert.True((await VerifyWithAsync(app, rotated)).Intact);
        var auditorOnly = await VerifyWithAsync(app, Storage(null, publicKeys));
        Assert.True(auditorOnly.Intact, $"{auditorOnly.Problem} at {auditorOnly.BrokenAt}");
        var withoutOldKey = await VerifyWithAsync(app, Storage(newKey, null));
        Assert.Equal(AuditBreak.DigestInvalid, withoutOldKey.Problem);
        Assert.Equal(AuditDigestFault.UnknownKey, withoutOldKey.Digests.Named?.Fault);
    }

    [Fact]
    public async Task Without_its_signing_key_the_app_does_not_start()
    {
        using var unset = AppFactory.WithSettings(new Dictionary<string, string?> { ["Audit:Digest:SigningKeyFile"] = "", ["Audit:Digest:CreateKeyIfMissing"] = "false" });
        var notSet = Assert.ThrowsAny<Exception>(() => unset.Services);
        Assert.Contains("Audit:Digest:SigningKeyFile is not set", notSet.Message, StringComparison.Ordinal);

        var missing = Path.Combine(Path.GetTempPath(), $"rectification-no-key-{Guid.NewGuid():N}.pem");
        using var absent = AppFactory.WithSettings(new Dictionary<string, string?> { ["Audit:Digest:SigningKeyFile"] = missing, ["Audit:Digest:CreateKeyIfMissing"] = "false" });
        var notThere = Assert.ThrowsAny<Exception>(() => absent.Services);
        Assert.Contains($"{missing} does not exist", notThere.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(missing));
    }

    private static async Task<AuditVerification> VerifyAsync(AppFactory app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync();
    }

    private static async Task<AuditVerification> VerifyWithAsync(AppFactory app, AuditStorage storage)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var options = scope.ServiceProvider.GetRequiredService<DbContextOptions<RectificationDbContext>>();
        return await new AuditVerifier(options, storage, new AuditDigestLog(storage, new AuditSigningKeys(storage), app.Clock)).VerifyAsync();
    }

    private static async Task<AuditDigest> WriteDigestAsync(AppFactory app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AuditDigestWriter>().WriteAsync();
    }

    /// <summary>Every digest in the app's digest folder, as the verifier reads them (all validly signed).</summary>
    private static List<AuditDigest> ReadDigests(AppFactory app)
    {
        var lines = app.Services.GetRequiredService<AuditDigestLog>().ReadAll();
        Assert.All(lines, l => Assert.Null(l.Fault));
        return lines.Select(l => l.Digest!).ToList();
    }

    /// <summary>Entries appended by the app's own saving code, one save each, at the app's clock.</summary>
    private static async Task AddEntriesAsync(AppFactory app, int count)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var options = scope.ServiceProvider.GetRequiredService<DbContextOptions<RectificationDbContext>>();
        for (var i = 0; i < count; i++)
        {
            await using var db = new RectificationDbContext(options, new FixedScope(UserScope.System), new SystemAuditContext(app.Clock));
            db.Audit(AuditActions.Export, "Finding", i.ToString(CultureInfo.InvariantCulture));
            await db.SaveChangesAsync();
        }
    }

    /// <summary>
    /// The attack: edits the entry at <paramref name="sequence"/>, then recomputes its hash and every later entry's
    /// link and hash, and moves the head to the new last hash, so the chain in the database is consistent again.
    /// </summary>
    private static Task RewriteFromAsync(AppFactory app, long sequence, Action<AuditEntry> edit) =>
        app.WithDatabaseAsync(async db =>
        {
            var entries = await db.AuditEntries.Where(e => e.Sequence >= sequence).OrderBy(e => e.Sequence).ToListAsync();
            var previous = entries[0].PreviousHash;
            edit(entries[0]);
            foreach (var entry in entries)
            {
                entry.PreviousHash = previous;
                entry.Hash = previous = AuditHasher.Compute(entry);
            }

            // Saved as a direct writer of the tables would, bypassing the app's own saving (which would append).
            foreach (var entry in entries)
            {
                await db.AuditEntries.Where(e => e.Id == entry.Id).ExecuteUpdateAsync(s => s
                    .SetProperty(e => e.UserName, entry.UserName).SetProperty(e => e.Details, entry.Details)
                    .SetProperty(e => e.PreviousHash, entry.PreviousHash).SetProperty(e => e.Hash, entry.Hash));
            }

            await db.AuditChainHeads.ExecuteUpdateAsync(h => h.SetProperty(x => x.LastHash, previous));
            db.ChangeTracker.Clear();
        });

    /// <summary>An archive's lines with the entry at <paramref name="sequence"/> edited and every hash after it recomputed.</summary>
    private static string[] RewriteArchive(string[] lines, long sequence)
    {
        var header = JsonNode.Parse(lines[0])!;
        var from = header["FromSequence"]!.GetValue<long>();
        var result = (string[])lines.Clone();
        string? previous = null;
        for (var i = (int)(sequence - from) + 1; i < lines.Length; i++)
        {
            var entry = System.Text.Json.JsonSerializer.Deserialize<AuditEntry>(lines[i])!;
            if (previous is null)
            {
                entry.UserName = "别人";
            }
            else
            {
                entry.PreviousHash = previous;
            }

            entry.Hash = previous = AuditHasher.Compute(entry);
            result[i] = System.Text.Json.JsonSerializer.Serialize(entry);
        }

        header["LastHash"] = previous;
        result[0] = header.ToJsonString();
        return result;
    }

    /// <summary>Moves the app's clock on by <paramref name="step"/> until the background digest writer has done what is awaited.</summary>
    private static async Task AdvanceUntilAsync(AppFactory app, TimeSpan step, Func<bool> done)
    {
        for (var attempt = 0; attempt < 100 && !done(); attempt++)
        {
            app.Clock.Advance(step);
            for (var wait = 0; wait < 20 && !done(); wait++)
            {
                await Task.Delay(25);
            }
        }

        Assert.True(done(), "The scheduled digest was not written.");
    }
}
