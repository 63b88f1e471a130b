using System.Data.Common;
using LoRaFuota.Campaigns;
using LoRaFuota.Storage.Model;

namespace LoRaFuota.Storage.Sql;

/// <content>Campaigns, their devices and their history.</content>
public abstract partial class SqlFuotaStore
{
    private const string CampaignColumns =
        "id, name, package_id, state, cancel_requested, parameters, snapshot, plan, revision, created_at, updated_at, ended_at, lease_owner, lease_expires_at, origin";

    /// <inheritdoc/>
    public async Task<StoredCampaign> CreateCampaignAsync(NewCampaign campaign, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        Check(campaign);
        DateTimeOffset now = Now;
        var stored = new StoredCampaign
        {
            Id = Guid.NewGuid(),
            Name = campaign.Name,
            PackageId = campaign.PackageId,
            State = CampaignState.Running,
            CancelRequested = false,
            Parameters = campaign.Parameters,
            Snapshot = campaign.Snapshot,
            Plan = campaign.Plan,
            Origin = campaign.Origin,
            Revision = 1,
            CreatedAt = now,
            UpdatedAt = now,
        };
        return await WriteAsync(
            async (connection, transaction) =>
            {
                await _dialect.LockDevicesAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
                object? package = await ScalarAsync(connection, transaction, "SELECT COUNT(*) FROM packages WHERE id = @id AND deleted_at IS NULL", cancellationToken, ("id", Id(campaign.PackageId))).ConfigureAwait(false);
                if (Convert.ToInt64(package, System.Globalization.CultureInfo.InvariantCulture) == 0)
                {
                    throw new NotFoundException($"Package {campaign.PackageId} does not exist; upload it first.");
                }

                await ExecuteAsync(
                    connection,
                    transaction,
                    $"INSERT INTO campaigns ({CampaignColumns}, lease_token) VALUES (@id, @name, @package, @state, 0, @parameters, @snapshot, @plan, 1, @now, @now, NULL, NULL, NULL, @origin, NULL)",
                    cancellationToken,
                    ("id", Id(stored.Id)),
                    ("name", stored.Name),
                    ("package", Id(stored.PackageId)),
                    ("state", (int)CampaignState.Running),
                    ("parameters", stored.Parameters),
                    ("snapshot", stored.Snapshot),
                    ("plan", stored.Plan),
                    ("origin", stored.Origin),
                    ("now", now.UtcTicks)).ConfigureAwait(false);
                await InsertDevicesAsync(connection, transaction, stored.Id, campaign.Devices, cancellationToken).ConfigureAwait(false);
                await RefuseBusyDevicesAsync(connection, transaction, stored.Id, cancellationToken).ConfigureAwait(false);

                return stored;
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public Task<StoredCampaign?> GetCampaignAsync(Guid id, CancellationToken cancellationToken = default) =>
        ReadAsync(
            async connection =>
            {
                List<StoredCampaign> rows = await QueryAsync(connection, null, $"SELECT {CampaignColumns} FROM campaigns WHERE id = @id", ReadCampaign, cancellationToken, ("id", Id(id))).ConfigureAwait(false);
                return rows.Count == 0 ? null : rows[0];
            },
            cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<StoredCampaign>> ListCampaignsAsync(CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyList<StoredCampaign>>(
            async connection => await QueryAsync(connection, null, $"SELECT {CampaignColumns} FROM campaigns ORDER BY created_at DESC, id", ReadCampaign, cancellationToken).ConfigureAwait(false),
            cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<DeviceRecord>> GetDevicesAsync(Guid campaignId, CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyList<DeviceRecord>>(
            async connection => await QueryAsync(
                connection,
                null,
                "SELECT dev_eui, state, failure_reason, firmware_version, fragments_received, updated_at FROM campaign_devices WHERE campaign_id = @id ORDER BY dev_eui",
                reader => new DeviceRecord
                {
                    DevEui = DevEui.Parse(reader.GetString(0)),
                    State = (OtaState)reader.GetInt32(1),
                    FailureReason = (DeviceFailureReason)reader.GetInt32(2),
                    FirmwareVersion = NullableText(reader, 3),
                    FragmentsReceived = reader.IsDBNull(4) ? null : reader.GetInt32(4),
                    UpdatedAt = Time(reader, 5),
                },
                cancellationToken,
                ("id", Id(campaignId))).ConfigureAwait(false),
            cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyDictionary<Guid, IReadOnlyDictionary<OtaState, int>>> CountDevicesAsync(CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyDictionary<Guid, IReadOnlyDictionary<OtaState, int>>>(
            async connection =>
            {
                List<(string Campaign, int State, long Count)> rows = await QueryAsync(
                    connection,
                    null,
                    "SELECT campaign_id, state, COUNT(*) FROM campaign_devices GROUP BY campaign_id, state",
                    r => (r.GetString(0), r.GetInt32(1), r.GetInt64(2)),
                    cancellationToken).ConfigureAwait(false);
                return rows.GroupBy(r => Guid.Parse(r.Campaign)).ToDictionary(
                    g => g.Key,
                    g => (IReadOnlyDictionary<OtaState, int>)g.ToDictionary(r => (OtaState)r.State, r => (int)r.Count));
            },
            cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<DeviceHistoryEntry>> GetHistoryAsync(Guid campaignId, DevEui? devEui = null, CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyList<DeviceHistoryEntry>>(
            async connection => await QueryAsync(
                connection,
                null,
                "SELECT dev_eui, state, reason, at FROM device_history WHERE campaign_id = @id" + (devEui is null ? string.Empty : " AND dev_eui = @eui") + " ORDER BY id",
                reader => new DeviceHistoryEntry(DevEui.Parse(reader.GetString(0)), (OtaState)reader.GetInt32(1), (DeviceFailureReason)reader.GetInt32(2), Time(reader, 3)),
                cancellationToken,
                devEui is DevEui eui ? [("id", Id(campaignId)), ("eui", eui.ToString())] : [("id", Id(campaignId))]).ConfigureAwait(false),
            cancellationToken);

    /// <inheritdoc/>
    public Task<bool> RequestCancelAsync(Guid campaignId, CancellationToken cancellationToken = default) =>
        WriteAsync(
            async (connection, transaction) =>
            {
                List<int> state = await QueryAsync(connection, transaction, "SELECT state FROM campaigns WHERE id = @id", r => r.GetInt32(0), cancellationToken, ("id", Id(campaignId))).ConfigureAwait(false);
                if (state.Count == 0)
                {
                    throw new NotFoundException($"Campaign {campaignId} does not exist.");
                }

                return state[0] == (int)CampaignState.Running
                    && await ExecuteAsync(connection, transaction, "UPDATE campaigns SET cancel_requested = 1 WHERE id = @id", cancellationToken, ("id", Id(campaignId))).ConfigureAwait(false) > 0;
            },
            cancellationToken);

    private static Task<int> UpsertDeviceAsync(DbConnection connection, DbTransaction transaction, Guid campaignId, DeviceRecord device, CancellationToken cancellationToken) =>
        ExecuteAsync(
            connection,
            transaction,
            """
            INSERT INTO campaign_devices (campaign_id, dev_eui, state, failure_reason, firmware_version, fragments_received, updated_at)
            VALUES (@campaign, @eui, @state, @reason, @version, @fragments, @at)
            ON CONFLICT (campaign_id, dev_eui) DO UPDATE SET state = @state, failure_reason = @reason, firmware_version = @version,
                fragments_received = @fragments, updated_at = @at
            """,
            cancellationToken,
            ("campaign", Id(campaignId)),
            ("eui", device.DevEui.ToString()),
            ("state", (int)device.State),
            ("reason", (int)device.FailureReason),
            ("version", device.FirmwareVersion),
            ("fragments", device.FragmentsReceived),
            ("at", device.UpdatedAt.UtcTicks));

    // A new campaign's devices, many rows per statement: one round trip per hundred devices instead of one each.
    private static async Task InsertDevicesAsync(DbConnection connection, DbTransaction transaction, Guid campaignId, IList<DeviceRecord> devices, CancellationToken cancellationToken)
    {
        const int RowsPerStatement = 100;
        for (int start = 0; start < devices.Count; start += RowsPerStatement)
        {
            var rows = new System.Text.StringBuilder();
            var parameters = new List<(string Name, object? Value)> { ("campaign", Id(campaignId)) };
            for (int i = start; i < Math.Min(devices.Count, start + RowsPerStatement); i++)
            {
                DeviceRecord device = devices[i];
                rows.Append(rows.Length == 0 ? string.Empty : ", ").Append(System.Globalization.CultureInfo.InvariantCulture, $"(@campaign, @e{i}, @s{i}, @r{i}, @v{i}, @f{i}, @a{i})");
                parameters.AddRange(
                [
                    ($"e{i}", device.DevEui.ToString()), ($"s{i}", (int)device.State), ($"r{i}", (int)device.FailureReason),
                    ($"v{i}", device.FirmwareVersion), ($"f{i}", device.FragmentsReceived), ($"a{i}", device.UpdatedAt.UtcTicks),
                ]);
            }

            await ExecuteAsync(
                connection,
                transaction,
                "INSERT INTO campaign_devices (campaign_id, dev_eui, state, failure_reason, firmware_version, fragments_received, updated_at) VALUES " + rows,
                cancellationToken,
                [.. parameters]).ConfigureAwait(false);
        }
    }

    private static Task<int> AppendHistoryAsync(DbConnection connection, DbTransaction transaction, Guid campaignId, DeviceHistoryEntry entry, CancellationToken cancellationToken) =>
        ExecuteAsync(
            connection,
            transaction,
            "INSERT INTO device_history (campaign_id, dev_eui, state, reason, at) VALUES (@campaign, @eui, @state, @reason, @at)",
            cancellationToken,
            ("campaign", Id(campaignId)),
            ("eui", entry.DevEui.ToString()),
            ("state", (int)entry.State),
            ("reason", (int)entry.Reason),
            ("at", entry.At.UtcTicks));

    private static StoredCampaign ReadCampaign(DbDataReader reader) => new()
    {
        Id = Guid.Parse(reader.GetString(0)),
        Name = reader.GetString(1),
        PackageId = Guid.Parse(reader.GetString(2)),
        State = (CampaignState)reader.GetInt32(3),
        CancelRequested = reader.GetInt32(4) != 0,
        Parameters = reader.GetString(5),
        Snapshot = reader.GetString(6),
        Plan = NullableText(reader, 7),
        Revision = reader.GetInt64(8),
        CreatedAt = Time(reader, 9),
        UpdatedAt = Time(reader, 10),
        EndedAt = NullableTime(reader, 11),
        LeaseOwner = NullableText(reader, 12),
        LeaseExpiresAt = NullableTime(reader, 13),
        Origin = NullableText(reader, 14),
    };

    // A device takes part in one running campaign at a time (two would fight over its multicast group and fragmentation
    // session). Checked inside the creating transaction, behind the device lock, so two creations cannot both pass.
    private static async Task RefuseBusyDevicesAsync(DbConnection connection, DbTransaction transaction, Guid id, CancellationToken cancellationToken)
    {
        List<string> busy = await QueryAsync(
            connection,
            transaction,
            """
            SELECT cd.dev_eui || ' (campaign ' || c.id || ')' FROM campaign_devices cd JOIN campaigns c ON c.id = cd.campaign_id
            WHERE c.state = @running AND c.id <> @id AND cd.dev_eui IN (SELECT dev_eui FROM campaign_devices WHERE campaign_id = @id)
            ORDER BY cd.dev_eui LIMIT 10
            """,
            r => r.GetString(0),
            cancellationToken,
            ("running", (int)CampaignState.Running),
            ("id", Id(id))).ConfigureAwait(false);
        if (busy.Count > 0)
        {
            throw new DeviceBusyException($"Devices already in a running campaign: {string.Join(", ", busy)}; wait for it to end or cancel it.");
        }
    }

    private static void Check(NewCampaign campaign)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(campaign.Name))
        {
            problems.Add("Name is required.");
        }

        if (string.IsNullOrWhiteSpace(campaign.Parameters) || string.IsNullOrWhiteSpace(campaign.Snapshot))
        {
            problems.Add("Parameters and Snapshot are required.");
        }

        if (campaign.Devices.Count == 0)
        {
            problems.Add("A campaign needs at least one device.");
        }

        if (campaign.Devices.GroupBy(d => d.DevEui).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            problems.Add($"Device {twice.Key} is listed twice.");
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid campaign: " + string.Join(" ", problems), nameof(campaign));
        }
    }
}
