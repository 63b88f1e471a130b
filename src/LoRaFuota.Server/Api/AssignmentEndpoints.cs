using System.Text.Json;
using LoRaFuota.Campaigns;
using LoRaFuota.Service.Assignments;
using LoRaFuota.Service.Campaigns;
using LoRaFuota.Storage;
using LoRaFuota.Storage.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace LoRaFuota.Server.Api;

/// <summary>
/// The device registry and package assignments (ThingsBoard's rules): a package assigned to a group goes to every device
/// of the group, one assigned to a device overrides its group's, and each change starts the campaigns it calls for — one
/// per assignment and region, for the devices that do not run the package's version and are in no running campaign.
/// </summary>
internal static class AssignmentEndpoints
{
    private const string Expected = "package_id, region, dr, class and one of redundancy, redundancy_percent or target_success (a campaign request without devices)";

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapPut("/api/devices/{eui}", RegisterAsync);
        api.MapGet("/api/devices", ListDevicesAsync);
        api.MapGet("/api/assignments", ListAssignmentsAsync);
        api.MapPut("/api/groups/{name}/assignment", context => AssignAsync(context, AssignmentTarget.Group));
        api.MapPut("/api/devices/{eui}/assignment", context => AssignAsync(context, AssignmentTarget.Device));
        api.MapDelete("/api/groups/{name}/assignment", context => UnassignAsync(context, AssignmentTarget.Group));
        api.MapDelete("/api/devices/{eui}/assignment", context => UnassignAsync(context, AssignmentTarget.Device));
    }

    private static IFuotaStore Store(HttpContext context) => context.RequestServices.GetRequiredService<IFuotaStore>();

    private static async Task RegisterAsync(HttpContext context)
    {
        if (!DevEui.TryParse(context.Request.RouteValues["eui"] as string, out DevEui eui))
        {
            await Problem.BadRequest(context, "The device must be given as its DevEUI, 16 hex digits.");
            return;
        }

        DeviceRegistration? body = await RequestBody.ReadAsync(context, RequestJsonContext.Default.DeviceRegistration, "a device registration", "group, uplink_interval_s, firmware_version and region, each optional");
        if (body is null)
        {
            return;
        }

        if (body.Region is { } region && !Regions.RegionalParameters.TryParse(region, out _))
        {
            await Problem.BadRequest(context, $"region \"{region}\" is not one of EU868, US915, AU915, AS923-1…4, IN865, KR920, CN470, RU864.");
            return;
        }

        try
        {
            await Store(context).SaveDeviceAsync(new RegisteredDevice { DevEui = eui, Group = body.Group, UplinkIntervalSeconds = body.UplinkIntervalS, FirmwareVersion = body.FirmwareVersion, Region = body.Region }, context.RequestAborted);
        }
        catch (ArgumentException ex)
        {
            await Problem.BadRequest(context, ex.Message.Split(" (Parameter", 2)[0]);
            return;
        }

        RegisteredDevice saved = (await Store(context).ListDevicesAsync(eui, context.RequestAborted)).Single();
        await ApiJson.SendAsync(context, ApiJson.Object(w => WriteDevice(w, saved, null)));
    }

    private static async Task ListDevicesAsync(HttpContext context)
    {
        IReadOnlyList<PackageAssignment> assignments = await Store(context).ListAssignmentsAsync(context.RequestAborted);
        IReadOnlyList<RegisteredDevice> devices = await Store(context).ListDevicesAsync(cancellationToken: context.RequestAborted);
        await ApiJson.SendAsync(context, ApiJson.Array(devices, (w, device) =>
        {
            w.WriteStartObject();
            WriteDevice(w, device, AssignmentResolver.Effective(device, assignments));
            w.WriteEndObject();
        }));
    }

    private static async Task ListAssignmentsAsync(HttpContext context) =>
        await ApiJson.SendAsync(context, ApiJson.Array(await Store(context).ListAssignmentsAsync(context.RequestAborted), (w, a) =>
        {
            w.WriteStartObject();
            WriteAssignment(w, a);
            w.WriteEndObject();
        }));

    private static async Task AssignAsync(HttpContext context, AssignmentTarget kind)
    {
        string? target = await TargetAsync(context, kind);
        CampaignRequest? request = target is null ? null : await RequestBody.ReadAsync(context, RequestJsonContext.Default.CampaignRequest, "an assignment", Expected);
        if (target is null || request is null)
        {
            return;
        }

        if (request.Devices.Count > 0)
        {
            await Problem.BadRequest(context, "An assignment's campaigns take their devices from the registry (PUT /api/devices/{eui}); leave devices out.");
            return;
        }

        IFuotaStore store = Store(context);
        StoredPackage? package = await store.GetPackageAsync(request.PackageId, withContent: true, context.RequestAborted);
        if (package is null)
        {
            await Problem.BadRequest(context, $"package_id {request.PackageId} names no package; upload it first (POST /api/packages).");
            return;
        }

        request.DevicesPerMinute ??= context.RequestServices.GetRequiredService<FuotaServerOptions>().DevicesPerMinute;
        var assignment = new PackageAssignment { Kind = kind, Target = target, PackageId = package.Id, Parameters = JsonSerializer.Serialize(request, RequestJsonContext.Default.CampaignRequest) };
        List<PackageAssignment> assignments = [.. (await store.ListAssignmentsAsync(context.RequestAborted)).Where(a => (a.Kind, a.Target) != (kind, target)), assignment];
        await ApplyAsync(context, kind, target, assignments, assignment, package);
    }

    private static async Task UnassignAsync(HttpContext context, AssignmentTarget kind)
    {
        string? target = await TargetAsync(context, kind);
        if (target is null)
        {
            return;
        }

        IFuotaStore store = Store(context);
        if (!await store.UnassignAsync(kind, target, context.RequestAborted))
        {
            await Problem.NotFound(context, $"{(kind == AssignmentTarget.Group ? "Group" : "Device")} {target} has no assignment.");
            return;
        }

        // A group's devices keep what they run; a device without its own assignment falls back to its group's.
        IReadOnlyList<PackageAssignment> left = await store.ListAssignmentsAsync(context.RequestAborted);
        await ApplyAsync(context, kind == AssignmentTarget.Device ? kind : null, target, left, null, null);
    }

    // Works out the change's campaigns, builds every one (a request that cannot run is refused before anything is
    // written), stores the assignment, then the campaigns.
    private static async Task ApplyAsync(HttpContext context, AssignmentTarget? kind, string target, IReadOnlyList<PackageAssignment> assignments, PackageAssignment? assignment, StoredPackage? assigned)
    {
        IFuotaStore store = Store(context);
        Dictionary<Guid, StoredPackage> packages = (await store.ListPackagesAsync(context.RequestAborted)).ToDictionary(p => p.Id);
        IReadOnlyList<AssignmentBatch> batches = [];
        IReadOnlyList<AssignmentSkip> skipped = [];
        if (kind is AssignmentTarget k)
        {
            var regions = new Dictionary<PackageAssignment, string?>(); // parsed once per assignment, not once per device
            (batches, skipped) = AssignmentResolver.Resolve(
                k,
                target,
                await store.ListDevicesAsync(cancellationToken: context.RequestAborted),
                assignments,
                id => packages.TryGetValue(id, out StoredPackage? p) ? p.Version : null,
                a => regions.TryGetValue(a, out string? region) ? region : regions[a] = Parameters(a).Region);
        }

        var records = new List<(AssignmentBatch Batch, NewCampaign Record)>();
        try
        {
            if (assignment is not null && assigned is not null && batches.Count == 0)
            {
                Validate(context, Parameters(assignment), assigned); // no device to update now: the parameters must still work
            }

            foreach (AssignmentBatch batch in batches)
            {
                StoredPackage package = batch.Assignment.PackageId == assigned?.Id ? assigned
                    : (await store.GetPackageAsync(batch.Assignment.PackageId, withContent: true, context.RequestAborted))!;
                records.Add((batch, Build(context, batch, package)));
            }
        }
        catch (ArgumentException ex)
        {
            await Problem.BadRequest(context, ex.Message.Split(" (Parameter", 2)[0]);
            return;
        }

        PackageAssignment? saved = assignment is null ? null : await store.AssignAsync(assignment, context.RequestAborted);
        var started = new List<(StoredCampaign Campaign, AssignmentBatch Batch)>();
        var busy = new List<string>();
        foreach ((AssignmentBatch batch, NewCampaign record) in records)
        {
            try
            {
                started.Add((await store.CreateCampaignAsync(record, context.RequestAborted), batch));
            }
            catch (DeviceBusyException ex)
            {
                busy.Add(ex.Message); // a campaign created meanwhile took a device: these devices follow in a later change
            }
        }

        await ApiJson.SendAsync(context, ApiJson.Object(w =>
        {
            if (saved is not null)
            {
                w.WriteStartObject("assignment");
                WriteAssignment(w, saved);
                w.WriteEndObject();
            }

            w.WriteStartArray("campaigns");
            foreach ((StoredCampaign campaign, AssignmentBatch batch) in started)
            {
                w.WriteStartObject();
                w.WriteString("id", campaign.Id);
                w.WriteString("name", campaign.Name);
                w.WriteString("origin", campaign.Origin);
                ApiJson.Nullable(w, "region", batch.Region);
                w.WriteStartArray("devices");
                foreach (RegisteredDevice device in batch.Devices)
                {
                    w.WriteStringValue(device.DevEui.ToString());
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("skipped");
            foreach (AssignmentSkip skip in skipped)
            {
                w.WriteStartObject();
                w.WriteString("dev_eui", skip.DevEui.ToString());
                w.WriteString("reason", skip.Reason);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("conflicts");
            foreach (string conflict in busy)
            {
                w.WriteStringValue(conflict);
            }

            w.WriteEndArray();
        }));
    }

    private static NewCampaign Build(HttpContext context, AssignmentBatch batch, StoredPackage package)
    {
        CampaignRequest request = Parameters(batch.Assignment);
        request.Region = batch.Region;
        request.Name ??= $"{package.Title} {package.Version} for {(batch.Assignment.Kind == AssignmentTarget.Group ? "group" : "device")} {batch.Assignment.Target}" + (batch.Region is null ? string.Empty : $" ({batch.Region})");
        foreach (RegisteredDevice device in batch.Devices)
        {
            request.Devices.Add(new CampaignRequestDevice { DevEui = device.DevEui.ToString(), UplinkIntervalS = device.UplinkIntervalSeconds, FirmwareVersion = device.InstalledVersion });
        }

        NewCampaign record = Create(context, request, package, context.RequestServices.GetRequiredService<IDeviceKeyProvider>());
        record.Origin = batch.Origin;
        return record;
    }

    // Plans the parameters for one stand-in device, with a key of its own: what would make every campaign fail is refused now.
    private static void Validate(HttpContext context, CampaignRequest request, StoredPackage package)
    {
        var standIn = new DevEui(0xFFFF_FFFF_FFFF_FFFEUL);
        var keys = new DeviceKeyStore();
        keys.Add(standIn, RootKeyKind.GenAppKey, Key128.Create(System.Security.Cryptography.RandomNumberGenerator.GetBytes(Key128.Length)));
        request.Devices.Add(new CampaignRequestDevice { DevEui = standIn.ToString() });
        request.Region ??= "EU868"; // devices that name their region bring it; the rest of the parameters must work anywhere
        Create(context, request, package, keys);
    }

    private static NewCampaign Create(HttpContext context, CampaignRequest request, StoredPackage package, IDeviceKeyProvider keys) =>
        CampaignFactory.Create(request, package, keys, context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow(), context.RequestServices.GetRequiredService<FuotaServerOptions>().ServerSpacing, context.RequestServices.GetRequiredService<FuotaServerOptions>().DownlinkLeadTime).Record;

    private static CampaignRequest Parameters(PackageAssignment assignment) =>
        JsonSerializer.Deserialize(assignment.Parameters, RequestJsonContext.Default.CampaignRequest) ?? new CampaignRequest();

    private static async Task<string?> TargetAsync(HttpContext context, AssignmentTarget kind)
    {
        if (kind == AssignmentTarget.Device)
        {
            if (DevEui.TryParse(context.Request.RouteValues["eui"] as string, out DevEui eui))
            {
                return eui.ToString();
            }

            await Problem.BadRequest(context, "The device must be given as its DevEUI, 16 hex digits.");
            return null;
        }

        string name = context.Request.RouteValues["name"] as string ?? string.Empty;
        if (name.Length is 0 or > 100 || name.Trim() != name)
        {
            await Problem.BadRequest(context, "A group name is 1 to 100 characters without surrounding spaces.");
            return null;
        }

        return name;
    }

    private static void WriteDevice(Utf8JsonWriter w, RegisteredDevice device, PackageAssignment? applies)
    {
        w.WriteString("dev_eui", device.DevEui.ToString());
        ApiJson.Nullable(w, "group", device.Group);
        if (device.UplinkIntervalSeconds is double interval)
        {
            w.WriteNumber("uplink_interval_s", interval);
        }
        else
        {
            w.WriteNull("uplink_interval_s");
        }

        ApiJson.Nullable(w, "region", device.Region);
        ApiJson.Nullable(w, "firmware_version", device.FirmwareVersion);
        ApiJson.Nullable(w, "installed_version", device.InstalledVersion);
        ApiJson.Nullable(w, "running_campaign_id", device.RunningCampaignId?.ToString());
        ApiJson.Nullable(w, "assigned_package_id", applies?.PackageId.ToString());
        ApiJson.Nullable(w, "assigned_by", applies is null ? null : AssignmentResolver.Origin(applies));
    }

    private static void WriteAssignment(Utf8JsonWriter w, PackageAssignment assignment)
    {
        w.WriteString("kind", assignment.Kind == AssignmentTarget.Group ? "group" : "device");
        w.WriteString("target", assignment.Target);
        w.WriteString("package_id", assignment.PackageId);
        w.WriteString("assigned_at", assignment.AssignedAt);
        w.WritePropertyName("parameters");
        w.WriteRawValue(assignment.Parameters);
    }
}
