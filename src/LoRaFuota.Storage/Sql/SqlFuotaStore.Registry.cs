using System.Data.Common;
using LoRaFuota.Campaigns;
using LoRaFuota.Storage.Model;

namespace LoRaFuota.Storage.Sql;

/// <content>The device registry and package assignments.</content>
public abstract partial class SqlFuotaStore
{
    /// <inheritdoc/>
    public Task<RegisteredDevice> SaveDeviceAsync(RegisteredDevice device, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(device);
        if (device.UplinkIntervalSeconds is < 1 or > 86_400 || device.UplinkIntervalSeconds is double.NaN)
        {
            throw new ArgumentException($"Device {device.DevEui}: the uplink interval must be 1 to 86400 seconds.", nameof(device));
        }

        if (device.Group is { } group && (group.Length is 0 or > 100 || group.Trim() != group))
        {
            throw new ArgumentException($"Device {device.DevEui}: a group name is 1 to 100 characters without surrounding spaces.", nameof(device));
        }

        RegisteredDevice saved = device with { UpdatedAt = Now, InstalledVersion = null, RunningCampaignId = null };
        return WriteAsync(
            async (connection, transaction) =>
            {
                (string, object?)[] values =
                [
                    ("eui", saved.DevEui.ToString()), ("grp", saved.Group), ("interval", saved.UplinkIntervalSeconds),
                    ("version", saved.FirmwareVersion), ("region", saved.Region), ("now", saved.UpdatedAt.UtcTicks),
                ];
                int updated = await ExecuteAsync(
                    connection,
                    transaction,
                    "UPDATE devices SET device_group = @grp, uplink_interval_s = @interval, firmware_version = @version, region = @region, updated_at = @now WHERE dev_eui = @eui",
                    cancellationToken,
                    values).ConfigureAwait(false);
                if (updated == 0)
                {
                    await ExecuteAsync(
                        connection,
                        transaction,
                        "INSERT INTO devices (dev_eui, device_group, uplink_interval_s, firmware_version, region, updated_at) VALUES (@eui, @grp, @interval, @version, @region, @now)",
                        cancellationToken,
                        values).ConfigureAwait(false);
                }

                return saved;
            },
            cancellationToken);
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<RegisteredDevice>> ListDevicesAsync(DevEui? devEui = null, CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyList<RegisteredDevice>>(
            async connection => await QueryAsync(
                connection,
                null,
                """
                SELECT d.dev_eui, d.device_group, d.uplink_interval_s, d.firmware_version, d.region, d.updated_at,
                    (SELECT cd.firmware_version FROM campaign_devices cd WHERE cd.dev_eui = d.dev_eui AND cd.state = @updated
                     ORDER BY cd.updated_at DESC LIMIT 1),
                    (SELECT c.id FROM campaign_devices cd JOIN campaigns c ON c.id = cd.campaign_id
                     WHERE cd.dev_eui = d.dev_eui AND c.state = @running LIMIT 1)
                FROM devices d
                """ + (devEui is null ? string.Empty : " WHERE d.dev_eui = @eui") + " ORDER BY d.dev_eui",
                reader => new RegisteredDevice
                {
                    DevEui = DevEui.Parse(reader.GetString(0)),
                    Group = NullableText(reader, 1),
                    UplinkIntervalSeconds = reader.IsDBNull(2) ? null : reader.GetDouble(2),
                    FirmwareVersion = NullableText(reader, 3),
                    Region = NullableText(reader, 4),
                    UpdatedAt = Time(reader, 5),
                    InstalledVersion = NullableText(reader, 6) ?? NullableText(reader, 3),
                    RunningCampaignId = reader.IsDBNull(7) ? null : Guid.Parse(reader.GetString(7)),
                },
                cancellationToken,
                ("updated", (int)OtaState.Updated),
                ("running", (int)CampaignState.Running),
                ("eui", devEui?.ToString())).ConfigureAwait(false),
            cancellationToken);

    /// <inheritdoc/>
    public Task<PackageAssignment> AssignAsync(PackageAssignment assignment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        if (!Enum.IsDefined(assignment.Kind) || string.IsNullOrWhiteSpace(assignment.Target) || string.IsNullOrWhiteSpace(assignment.Parameters))
        {
            throw new ArgumentException("An assignment needs a defined kind, a target and parameters.", nameof(assignment));
        }

        PackageAssignment saved = assignment with { AssignedAt = Now };
        return WriteAsync(
            async (connection, transaction) =>
            {
                object? package = await ScalarAsync(connection, transaction, "SELECT COUNT(*) FROM packages WHERE id = @id AND deleted_at IS NULL", cancellationToken, ("id", Id(saved.PackageId))).ConfigureAwait(false);
                if (Convert.ToInt64(package, System.Globalization.CultureInfo.InvariantCulture) == 0)
                {
                    throw new NotFoundException($"Package {saved.PackageId} does not exist; upload it first.");
                }

                (string, object?)[] key = [("kind", (int)saved.Kind), ("target", saved.Target)];
                await ExecuteAsync(connection, transaction, "DELETE FROM assignments WHERE target_kind = @kind AND target = @target", cancellationToken, key).ConfigureAwait(false);
                await ExecuteAsync(
                    connection,
                    transaction,
                    "INSERT INTO assignments (target_kind, target, package_id, parameters, assigned_at) VALUES (@kind, @target, @package, @parameters, @now)",
                    cancellationToken,
                    [.. key, ("package", Id(saved.PackageId)), ("parameters", saved.Parameters), ("now", saved.AssignedAt.UtcTicks)]).ConfigureAwait(false);
                return saved;
            },
            cancellationToken);
    }

    /// <inheritdoc/>
    public Task<bool> UnassignAsync(AssignmentTarget kind, string target, CancellationToken cancellationToken = default) =>
        WriteAsync(
            async (connection, transaction) => await ExecuteAsync(connection, transaction, "DELETE FROM assignments WHERE target_kind = @kind AND target = @target", cancellationToken, ("kind", (int)kind), ("target", target)).ConfigureAwait(false) > 0,
            cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<PackageAssignment>> ListAssignmentsAsync(CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyList<PackageAssignment>>(
            async connection => await QueryAsync(
                connection,
                null,
                "SELECT target_kind, target, package_id, parameters, assigned_at FROM assignments ORDER BY target_kind, target",
                ReadAssignment,
                cancellationToken).ConfigureAwait(false),
            cancellationToken);

    private static PackageAssignment ReadAssignment(DbDataReader reader) => new()
    {
        Kind = (AssignmentTarget)reader.GetInt32(0),
        Target = reader.GetString(1),
        PackageId = Guid.Parse(reader.GetString(2)),
        Parameters = reader.GetString(3),
        AssignedAt = Time(reader, 4),
    };
}
