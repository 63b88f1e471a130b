using System.Data.Common;
using LoRaFuota.Storage.Sql;
using Microsoft.Data.Sqlite;

namespace LoRaFuota.Storage.Sqlite;

/// <summary>SQLite's side of the shared statements.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "The write gate's SemaphoreSlim holds a kernel handle only once AvailableWaitHandle is read, which it never is; the dialect lives as long as its store.")]
internal sealed class SqliteDialect : SqlDialect
{
    private const int ConstraintError = 19;          // SQLITE_CONSTRAINT
    private const int UniqueError = 2067;            // SQLITE_CONSTRAINT_UNIQUE
    private const int PrimaryKeyError = 1555;        // SQLITE_CONSTRAINT_PRIMARYKEY
    private readonly string _connectionString;
    private readonly SemaphoreSlim _writer = new(1, 1);
    private int _walSet;

    public SqliteDialect(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            ForeignKeys = true,
            Pooling = true,
            DefaultTimeout = 30, // busy or locked: retried until then
        }.ToString();
    }

    public override string BlobType => "BLOB";

    public override string SerialKey => "INTEGER PRIMARY KEY AUTOINCREMENT";

    public override string ClaimSql =>
        """
        UPDATE campaigns SET lease_owner = @owner, lease_token = @token, lease_expires_at = @expires
        WHERE id = (SELECT id FROM campaigns WHERE state = @running AND (lease_expires_at IS NULL OR lease_expires_at <= @now)
                    ORDER BY created_at, id LIMIT 1)
        RETURNING id
        """;

    public override async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            if (Interlocked.Exchange(ref _walSet, 1) == 0)
            {
                // WAL is a property of the file: readers do not block the writer, and a killed process loses nothing committed.
                await using SqliteCommand wal = connection.CreateCommand();
                wal.CommandText = "PRAGMA journal_mode=WAL";
                await wal.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    // SQLite has one writer at a time, and Microsoft.Data.Sqlite waits for the lock by blocking its thread (busy
    // timeout). Many campaigns saving at once would hold many pool threads that way and starve the API: writers of this
    // process queue here instead, asynchronously; other processes on the file still meet the busy timeout.
    public override async ValueTask<IDisposable?> EnterWriteAsync(CancellationToken cancellationToken)
    {
        await _writer.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new Turn(_writer);
    }

    // Microsoft.Data.Sqlite's non-deferred transaction is BEGIN IMMEDIATE: the write lock is taken at the start.
    public override async ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await ((SqliteConnection)connection).BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

    private protected override Task LockAsync(DbConnection connection, DbTransaction transaction, long key, CancellationToken cancellationToken) =>
        Task.CompletedTask; // BEGIN IMMEDIATE already keeps every other writer out

    public override bool IsUniqueViolation(DbException exception) =>
        exception is SqliteException { SqliteErrorCode: ConstraintError, SqliteExtendedErrorCode: UniqueError or PrimaryKeyError };

    private sealed class Turn(SemaphoreSlim writer) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                writer.Release();
            }
        }
    }
}
