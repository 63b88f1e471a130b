using System.Data.Common;

namespace LoRaFuota.Storage.Sql;

/// <summary>What differs between the databases behind <see cref="SqlFuotaStore"/>: connections, column types, the claim and error codes.</summary>
internal abstract class SqlDialect
{
    /// <summary>Gets the column type for bytes.</summary>
    public abstract string BlobType { get; }

    /// <summary>Gets the column definition of an auto-numbered primary key.</summary>
    public abstract string SerialKey { get; }

    /// <summary>
    /// Gets the statement that claims one campaign (parameters <c>@owner</c>, <c>@token</c>, <c>@expires</c>,
    /// <c>@now</c>, <c>@running</c>), returning its id.
    /// </summary>
    public abstract string ClaimSql { get; }

    /// <summary>Opens a connection.</summary>
    public abstract ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Waits, without holding a thread, for this process's turn to write where the database takes one writer at a time;
    /// null where writers run side by side. Dispose it after the transaction.
    /// </summary>
    public virtual ValueTask<IDisposable?> EnterWriteAsync(CancellationToken cancellationToken) => ValueTask.FromResult<IDisposable?>(null);

    /// <summary>Starts a write transaction (one writer at a time where the database needs it).</summary>
    public virtual ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        connection.BeginTransactionAsync(cancellationToken);

    /// <summary>The lock migrations queue on ("LFMG").</summary>
    private protected const long MigrationLock = 0x4C46_4D47;

    /// <summary>The lock campaign creations queue on ("LFDV").</summary>
    private protected const long DeviceLock = 0x4C46_4456;

    /// <summary>Makes concurrent schema migrations wait for each other inside <paramref name="transaction"/>.</summary>
    public Task LockMigrationsAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) =>
        LockAsync(connection, transaction, MigrationLock, cancellationToken);

    /// <summary>Makes writers that give devices to campaigns wait for each other (a device is in one running campaign at most).</summary>
    public Task LockDevicesAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) =>
        LockAsync(connection, transaction, DeviceLock, cancellationToken);

    /// <summary>Takes a lock held until <paramref name="transaction"/> ends; a database whose write transactions are serial already needs none.</summary>
    private protected abstract Task LockAsync(DbConnection connection, DbTransaction transaction, long key, CancellationToken cancellationToken);

    /// <summary>Whether an error is a unique or primary-key violation.</summary>
    public abstract bool IsUniqueViolation(DbException exception);
}
