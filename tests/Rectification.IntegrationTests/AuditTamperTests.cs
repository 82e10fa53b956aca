using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rectification.Core.Auditing;
using Rectification.IntegrationTests.Infrastructure;

namespace Rectification.IntegrationTests;

/// <summary>
/// Someone with access to the database edits, deletes, inserts or reorders audit rows directly: the verification
/// finds the first broken link every time. Each test tampers with its own app's database.
/// </summary>
public sealed class AuditTamperTests
{
    [Fact]
    public async Task An_untouched_chain_verifies_and_the_command_line_verb_says_so()
    {
        using var app = new AppFactory();
        var result = await VerifyAsync(app);
        Assert.True(result.Intact, $"{result.Problem} at {result.BrokenAt}");

        var (exitCode, output) = await AppVerbs.RunAsync(app, "audit", "verify");
        Assert.Equal(0, exitCode);
        Assert.Contains($"{result.Checked} entries", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_edited_entry_is_found_and_the_command_line_verb_fails()
    {
        using var app = new AppFactory();
        var target = await MiddleAsync(app);
        await SqlAsync(app, $"UPDATE \"AuditEntries\" SET \"Details\" = '改过的内容' WHERE \"Sequence\" = {target}");

        var result = await VerifyAsync(app);
        Assert.Equal(AuditBreak.ContentAltered, result.Problem);
        Assert.Equal(target, result.BrokenAt);

        var (exitCode, output) = await AppVerbs.RunAsync(app, "audit", "verify");
        Assert.Equal(1, exitCode);
        Assert.Contains($"BROKEN at sequence {target}", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_edited_entry_whose_hash_was_recomputed_breaks_the_next_link()
    {
        using var app = new AppFactory();
        var target = await MiddleAsync(app);
        await app.WithDatabaseAsync(async db =>
        {
            var entry = await db.AuditEntries.SingleAsync(e => e.Sequence == target);
            entry.UserName = "别人";
            entry.Hash = AuditHasher.Compute(entry);
            await db.AuditEntries.Where(e => e.Sequence == target).ExecuteUpdateAsync(s => s.SetProperty(e => e.UserName, entry.UserName).SetProperty(e => e.Hash, entry.Hash));
        });

        var result = await VerifyAsync(app);
        Assert.Equal(AuditBreak.BrokenLink, result.Problem);
        Assert.Equal(target + 1, result.BrokenAt);
    }

    [Fact]
    public async Task A_deleted_entry_leaves_a_gap()
    {
        using var app = new AppFactory();
        var target = await MiddleAsync(app);
        await SqlAsync(app, $"DELETE FROM \"AuditEntries\" WHERE \"Sequence\" = {target}");

        var result = await VerifyAsync(app);
        Assert.Equal(AuditBreak.SequenceGap, result.Problem);
        Assert.Equal(target, result.BrokenAt);
    }

    [Fact]
    public async Task A_deleted_last_entry_no_longer_meets_the_head()
    {
        using var app = new AppFactory();
        var last = await app.WithDatabaseAsync(db => db.AuditEntries.MaxAsync(e => e.Sequence));
        await SqlAsync(app, $"DELETE FROM \"AuditEntries\" WHERE \"Sequence\" = {last}");

        var result = await VerifyAsync(app);
        Assert.Equal(AuditBreak.TailMismatch, result.Problem);
        Assert.Equal(last, result.BrokenAt);
    }

    [Fact]
    public async Task Two_reordered_entries_break_the_link()
    {
        using var app = new AppFactory();
        var target = await MiddleAsync(app);
        await SqlAsync(app, $"UPDATE \"AuditEntries\" SET \"Sequence\" = -1 WHERE \"Sequence\" = {target}");
        await SqlAsync(app, $"UPDATE \"AuditEntries\" SET \"Sequence\" = {target} WHERE \"Sequence\" = {target + 1}");
        await SqlAsync(app, $"UPDATE \"AuditEntries\" SET \"Sequence\" = {target + 1} WHERE \"Sequence\" = -1");

        var result = await VerifyAsync(app);
        Assert.Equal(AuditBreak.BrokenLink, result.Problem);
        Assert.Equal(target, result.BrokenAt);
    }

    [Fact]
    public async Task An_inserted_entry_with_a_well_formed_hash_breaks_the_link_after_it()
    {
        using var app = new AppFactory();
        var target = await MiddleAsync(app);
        await app.WithDatabaseAsync(async db =>
        {
            // Make room by moving the later entries up one (from the end, to keep the sequence unique)...
            var later = await db.AuditEntries.Where(e => e.Sequence >= target).OrderByDescending(e => e.Sequence).Select(e => e.Sequence).ToListAsync();
            foreach (var sequence in later)
            {
                await db.AuditEntries.Where(e => e.Sequence == sequence).ExecuteUpdateAsync(s => s.SetProperty(e => e.Sequence, sequence + 1));
            }

            // ... and insert a forged entry that links correctly to the one before it.
            var before = await db.AuditEntries.AsNoTracking().SingleAsync(e => e.Sequence == target - 1);
            var forged = new AuditEntry
            {
                Sequence = target,
                At = before.At,
                UserName = "admin(系统管理员)",
                Action = AuditActions.Delete,
                EntityType = "Finding",
                EntityId = "1",
                PreviousHash = before.Hash,
                Hash = string.Empty,
            };
            forged.Hash = AuditHasher.Compute(forged);
            db.AuditEntries.Add(forged);
            await db.SaveChangesAsync();
        });

        var result = await VerifyAsync(app);
        Assert.Equal(AuditBreak.BrokenLink, result.Problem);
        Assert.Equal(target + 1, result.BrokenAt);
    }

    [Fact]
    public async Task Archiving_keeps_young_entries_and_the_archive_and_the_rest_both_verify()
    {
        using var app = new AppFactory();
        var total = await app.WithDatabaseAsync(db => db.AuditEntries.CountAsync());
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var nothing = await scope.ServiceProvider.GetRequiredService<AuditArchiver>().ArchiveAsync();
            Assert.Equal(0, nothing.Count);
        }

        // A year and more later (past the 365-day retention), the demo's entries may go to an archive.
        app.Clock.Advance(TimeSpan.FromDays(400));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var archived = await scope.ServiceProvider.GetRequiredService<AuditArchiver>().ArchiveAsync();
            Assert.Equal(total, archived.Count);
            var archive = await AuditArchiver.VerifyArchiveAsync(archived.File!);
            Assert.True(archive.Intact, $"{archive.Problem} at {archive.BrokenAt}");
            Assert.Equal(total, archive.Checked);

            var (exitCode, _) = await AppVerbs.RunAsync(app, "audit", "verify-archive", archived.File!);
            Assert.Equal(0, exitCode);
        }

        var rest = await VerifyAsync(app);
        Assert.True(rest.Intact, $"{rest.Problem} at {rest.BrokenAt}");
        Assert.Equal(1, await app.WithDatabaseAsync(db => db.AuditEntries.CountAsync()));
        Assert.Equal(AuditActions.AuditArchived, await app.WithDatabaseAsync(db => db.AuditEntries.Select(e => e.Action).SingleAsync()));
    }

    private static async Task<AuditVerification> VerifyAsync(AppFactory app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync();
    }

    private static Task<long> MiddleAsync(AppFactory app) =>
        app.WithDatabaseAsync(async db => (await db.AuditEntries.MinAsync(e => e.Sequence) + await db.AuditEntries.MaxAsync(e => e.Sequence)) / 2);

    private static Task SqlAsync(AppFactory app, string sql) =>
        app.WithDatabaseAsync(db => db.Database.ExecuteSqlRawAsync(sql));
}
