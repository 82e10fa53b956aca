using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Rectification.Core.Data;

/// <summary>
/// Settings SQLite keeps per connection, applied once to each connection the pool opens (a pooled connection keeps
/// them): the database file mapped into memory, so reading a page is a memory access instead of a read() that copies
/// it from the operating system's cache — what a busy list page spent a fifth of its time on — and a page cache of its
/// own large enough for the indexes a page walks; and a busy timeout, so that a write waiting for another (with
/// write-ahead logging only writers ever wait, for each other) is woken within milliseconds by SQLite's own busy
/// handler, not after the 150 ms naps of Microsoft.Data.Sqlite's retry loop.
/// </summary>
public sealed class SqliteConnectionSetup : DbConnectionInterceptor
{
    /// <summary>The most of the file mapped (SQLite's own limit for its builds here is just under 2 GiB).</summary>
    private const long MemoryMapBytes = 0x7fff0000;

    /// <summary>Page cache per connection, in KiB (a negative cache_size).</summary>
    private const int CacheKibibytes = 16_384;

    /// <summary>How long a write waits for another before giving up: Microsoft.Data.Sqlite's default command timeout.</summary>
    private const int BusyTimeoutMilliseconds = 30_000;

    private static readonly ConditionalWeakTable<SQLitePCL.sqlite3, object> s_prepared = [];

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Prepare(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Prepare(connection);
        return Task.CompletedTask;
    }

    private static void Prepare(DbConnection connection)
    {
        if (connection is not SqliteConnection { Handle: { } handle } sqlite || s_prepared.TryGetValue(handle, out _))
        {
            return;
        }

        using var command = sqlite.CreateCommand();
        command.CommandText = $"PRAGMA mmap_size = {MemoryMapBytes}; PRAGMA cache_size = -{CacheKibibytes}; PRAGMA busy_timeout = {BusyTimeoutMilliseconds};";
        command.ExecuteNonQuery();
        s_prepared.AddOrUpdate(handle, handle);
    }
}
