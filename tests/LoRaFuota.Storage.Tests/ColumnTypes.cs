using System.Data.Common;
using LoRaFuota.Storage.Sql;

namespace LoRaFuota.Storage.Tests;

/// <summary>Only a database's column types: enough to write an old schema's statements (<see cref="Migrations.For"/>) by hand.</summary>
internal sealed class ColumnTypes(string blobType, string serialKey) : SqlDialect
{
    public override string BlobType => blobType;

    public override string SerialKey => serialKey;

    public override string ClaimSql => throw new NotSupportedException();

    public override ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

    private protected override Task LockAsync(DbConnection connection, DbTransaction transaction, long key, CancellationToken cancellationToken) => throw new NotSupportedException();

    public override bool IsUniqueViolation(DbException exception) => throw new NotSupportedException();
}
