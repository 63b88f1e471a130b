using LoRaFuota.ChirpStack.Api;
using LoRaFuota.ChirpStack.Protocol.Api;
using LoRaFuota.Planning;
using LoRaFuota.Regions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace LoRaFuota.ChirpStack.Tests;

/// <summary>The gRPC client against an in-process server that speaks the same proto subset over HTTP/2.</summary>
public sealed class ChirpStackApiClientTests : IAsyncLifetime
{
    private static readonly DevEui s_device = DevEui.Parse("70b3d57ed0000001");
    private readonly RecordingChirpStackApi _api = new();
    private WebApplication? _server;

    public async Task InitializeAsync()
    {
        _server = await _api.StartServerAsync();
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    [Fact]
    public async Task Group_CreatedWithTheEnginesAddressKeysAndCounter_ThenTheServerAssignsEachFrameCounter()
    {
        using ChirpStackApiClient client = Client(RecordingChirpStackApi.Token);
        var group = new ChirpStackMulticastGroup
        {
            Name = "fuota-1", ApplicationId = "17c82e96-be03-4f38-aef3-f83d48582d97", Region = Region.AS923Group2, McAddr = 0x01AB0001,
            McNwkSKey = Key128.Parse("000102030405060708090a0b0c0d0e0f"), McAppSKey = Key128.Parse("f0e0d0c0b0a090807060504030201000"),
            FirstFCnt = 100, Class = MulticastClass.ClassB, DataRate = 3, FrequencyHz = 923_200_000, PingSlotPeriodicity = 4,
        };

        string id = await client.CreateGroupAsync(group);
        await client.AddDeviceAsync(id, s_device);
        uint first = await client.EnqueueMulticastAsync(id, 201, new byte[] { 0x08, 0x01, 0x00, 0xAA }, new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        uint second = await client.EnqueueMulticastAsync(id, 201, new byte[] { 0x08, 0x02, 0x00, 0xBB }, expiresAt: null);
        int depth = await client.GetQueueDepthAsync(id);

        MulticastGroup stored = _api.Groups[id];
        Assert.Equal(("01ab0001", "000102030405060708090a0b0c0d0e0f", "f0e0d0c0b0a090807060504030201000"), (stored.McAddr, stored.McNwkSKey, stored.McAppSKey));
        Assert.Equal((MulticastGroupType.ClassB, Protocol.Common.Region.As9232, 3u, 923_200_000u, 4u), (stored.GroupType, stored.Region, stored.Dr, stored.Frequency, stored.ClassBPingSlotPeriodicity));
        Assert.Equal((100u, 101u, 2), (first, second, depth));
        Assert.Equal(["70b3d57ed0000001"], _api.Members[id]);
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero), _api.Queues[id][0].ExpiresAt.ToDateTimeOffset());
        Assert.All(_api.Authorizations, a => Assert.Equal("Bearer " + RecordingChirpStackApi.Token, a));

        await client.FlushMulticastAsync(id);
        Assert.Equal(0, await client.GetQueueDepthAsync(id));
        await client.DeleteGroupAsync(id);
        Assert.Empty(_api.Groups);
    }

    [Fact]
    public async Task ClassC_IsEnumValueZero_AsChirpStackNumbersIt()
    {
        using ChirpStackApiClient client = Client(RecordingChirpStackApi.Token);

        string id = await client.CreateGroupAsync(new ChirpStackMulticastGroup
        {
            Name = "c", ApplicationId = "a", Region = Region.EU868, McAddr = 1, McNwkSKey = default, McAppSKey = default, Class = MulticastClass.ClassC, GpsTimeScheduling = true,
        });

        Assert.Equal(0, (int)_api.Groups[id].GroupType);
        Assert.Equal(MulticastGroupSchedulingType.GpsTime, _api.Groups[id].ClassCSchedulingType);
    }

    [Fact]
    public async Task Unicast_ThroughDeviceService_ReturnsTheQueueItemId()
    {
        using ChirpStackApiClient client = Client(RecordingChirpStackApi.Token);

        string id = await client.EnqueueUnicastAsync(s_device, 200, new byte[] { 0x02, 0x00 }, confirmed: true);

        DeviceQueueItem item = Assert.Single(_api.Unicast);
        Assert.Equal((id, "70b3d57ed0000001", 200u, true), (item.Id, item.DevEui, item.FPort, item.Confirmed));
    }

    [Fact]
    public async Task WrongToken_IsAnApiExceptionThatSaysToCheckIt()
    {
        using ChirpStackApiClient client = Client("wrong-token");

        ChirpStackApiException ex = await Assert.ThrowsAsync<ChirpStackApiException>(() => client.DeleteGroupAsync("x"));

        Assert.Equal("Unauthenticated", ex.StatusCode);
        Assert.Contains("Check the API token", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-token", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownGroup_IsNotFound()
    {
        using ChirpStackApiClient client = Client(RecordingChirpStackApi.Token);

        ChirpStackApiException ex = await Assert.ThrowsAsync<ChirpStackApiException>(() => client.EnqueueMulticastAsync("missing", 201, new byte[] { 1 }, null));

        Assert.Equal("NotFound", ex.StatusCode);
        Assert.Contains("could not enqueue the multicast frame", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_NameEverySettingThatCannotWork()
    {
        ArgumentException ex = Assert.Throws<ArgumentException>(() => new ChirpStackApiOptions { Address = new Uri("ftp://x"), ApiToken = " ", CallTimeout = TimeSpan.Zero }.Validate());

        Assert.Contains("Address", ex.Message, StringComparison.Ordinal);
        Assert.Contains("ApiToken", ex.Message, StringComparison.Ordinal);
        Assert.Contains("CallTimeout", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Region.EU868, 0)]
    [InlineData(Region.US915, 2)]
    [InlineData(Region.AS923Group1, 7)]
    [InlineData(Region.AS923Group4, 14)]
    [InlineData(Region.RU864, 10)]
    public void Regions_MapByName(Region region, int chirpStackNumber) => Assert.Equal(chirpStackNumber, (int)ChirpStackApiClient.ToChirpStack(region));

    private ChirpStackApiClient Client(string token) =>
        new(new ChirpStackApiOptions { Address = new Uri("http://localhost"), ApiToken = token }, _server!.GetTestServer().CreateHandler());
}
