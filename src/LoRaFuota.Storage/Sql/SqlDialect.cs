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

    /// <summary>Starts a write transaction (one writer at a time where the database needs it).</summary>
    public virtual ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        connection.BeginTransactionAsync(cancellationToken);

    /// <summary>Makes concurrent schema migrations wait for each other inside <paramref name="transaction"/>.</summary>
    public abstract Task LockMigrationsAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken);

    /// <summary>Whether an error is a unique or primary-key violation.</summary>
    public abstract bool IsUniqueViolation(DbException exception);
}
