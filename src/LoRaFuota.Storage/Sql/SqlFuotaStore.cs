using System.Data.Common;
using System.Globalization;

namespace LoRaFuota.Storage.Sql;

/// <summary>
/// <see cref="IFuotaStore"/> on a relational database through ADO.NET: the statements are shared, the few differences
/// (column types, the claim, error codes, how writers are serialised) are the dialect's. Times are stored as UTC ticks,
/// ids as text, so the two databases hold the same values.
/// </summary>
public abstract partial class SqlFuotaStore : IFuotaStore
{
    private readonly SqlDialect _dialect;
    private readonly TimeProvider _time;

    private protected SqlFuotaStore(SqlDialect dialect, TimeProvider? time)
    {
        _dialect = dialect;
        _time = time ?? TimeProvider.System;
    }

    private DateTimeOffset Now => _time.GetUtcNow();

    /// <inheritdoc/>
    public async Task<int> MigrateAsync(CancellationToken cancellationToken = default)
    {
        using IDisposable? turn = await _dialect.EnterWriteAsync(cancellationToken).ConfigureAwait(false);
        await using DbConnection connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using DbTransaction transaction = await _dialect.BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
        await _dialect.LockMigrationsAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, transaction, "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)", cancellationToken).ConfigureAwait(false);
        object? current = await ScalarAsync(connection, transaction, "SELECT MAX(version) FROM schema_migrations", cancellationToken).ConfigureAwait(false);
        int version = current is null or DBNull ? 0 : Convert.ToInt32(current, CultureInfo.InvariantCulture);
        if (version > Migrations.Latest)
        {
            throw new InvalidOperationException($"The database's schema is version {version}, newer than this build knows ({Migrations.Latest}); run a newer LoRaFuota.");
        }

        for (int next = version + 1; next <= Migrations.Latest; next++)
        {
            foreach (string statement in Migrations.For(next, _dialect))
            {
                await ExecuteAsync(connection, transaction, statement, cancellationToken).ConfigureAwait(false);
            }

            await ExecuteAsync(connection, transaction, "INSERT INTO schema_migrations (version, applied_at) VALUES (@v, @at)", cancellationToken, ("v", next), ("at", Now.UtcTicks)).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return Migrations.Latest;
    }

    private static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        DbCommand command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach ((string name, object? value) in parameters)
        {
            DbParameter parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    private static async Task<int> ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using DbCommand command = Command(connection, transaction, sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<object?> ScalarAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using DbCommand command = Command(connection, transaction, sql, parameters);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<List<T>> QueryAsync<T>(DbConnection connection, DbTransaction? transaction, string sql, Func<DbDataReader, T> read, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using DbCommand command = Command(connection, transaction, sql, parameters);
        await using DbDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    /// <summary>Runs a read on a connection of its own.</summary>
    private async Task<T> ReadAsync<T>(Func<DbConnection, Task<T>> read, CancellationToken cancellationToken)
    {
        await using DbConnection connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await read(connection).ConfigureAwait(false);
    }

    /// <summary>Runs a write in a transaction of its own, committed when <paramref name="write"/> returns.</summary>
    private async Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, Task<T>> write, CancellationToken cancellationToken)
    {
        using IDisposable? turn = await _dialect.EnterWriteAsync(cancellationToken).ConfigureAwait(false);
        await using DbConnection connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using DbTransaction transaction = await _dialect.BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
        T result = await write(connection, transaction).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return result;
    }

    private static DateTimeOffset Time(DbDataReader reader, int ordinal) => new(reader.GetInt64(ordinal), TimeSpan.Zero);

    private static DateTimeOffset? NullableTime(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : Time(reader, ordinal);

    private static string? NullableText(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static string Id(Guid id) => id.ToString("D");
}
